import Foundation
import KubeAPI
import Testing

@testable import PodChaos

@Suite("Recovery tracking from observations")
struct RecoveryTrackerTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let owner = Workload(kind: "Deployment", name: "web", namespace: "demo", uid: "dep-uid", desiredReplicas: 3, readyReplicas: 3)

    static func pod(
        _ name: String, uid: String, controller: String = "rs-uid", node: String? = "node-1", phase: PodPhase = .pending,
        ready: Bool = false,
        terminating: Bool = false, waiting: String? = nil, scheduledFalse: Bool = false, labels: [String: String] = ["app": "web"]
    ) -> Pod {
        var meta = ObjectMeta(name: name, namespace: "demo", uid: uid, labels: labels)
        meta.ownerReferences = [
            OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-rs", uid: controller, controller: true)
        ]
        if terminating { meta.deletionTimestamp = t0 }
        var conditions = [Condition(type: "Ready", status: ready ? "True" : "False")]
        if scheduledFalse { conditions.append(Condition(type: "PodScheduled", status: "False", reason: "Unschedulable")) }
        let statuses = waiting.map { [ContainerStatus(name: "app", state: ContainerState(waiting: .init(reason: $0)))] }
        return Pod(
            metadata: meta, spec: PodSpec(nodeName: node, terminationGracePeriodSeconds: 30),
            status: PodStatus(phase: phase, conditions: conditions, containerStatuses: statuses))
    }

    static func tracker(kind: String = "Deployment", slo: Duration? = nil) -> RecoveryTracker {
        var owner = Self.owner
        owner.kind = kind
        let victim = pod("web-a", uid: "victim", phase: .running, ready: true)
        return RecoveryTracker(
            target: RecoveryTarget(
                killID: KillID(rawValue: "k1"), victim: victim, owner: owner, requestedAt: t0, podControllerUIDs: ["rs-uid"],
                existingPodUIDs: ["victim", "other-1", "other-2"], slo: slo))
    }

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// Dates carry about a microsecond of floating-point error at this epoch.
    func approximately(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 0.000_01
    }

    @Test("Every phase is timed from the kill, in the order the pod lives it")
    func phases() {
        var tracker = Self.tracker()
        tracker.observe(
            pod: Self.pod("web-a", uid: "victim", phase: .running, ready: true, terminating: true), deleted: false, at: Self.at(0.01))
        tracker.observe(pod: Self.pod("web-b", uid: "new", node: nil), deleted: false, at: Self.at(0.05))
        tracker.observe(pod: Self.pod("web-b", uid: "new"), deleted: false, at: Self.at(0.06))
        tracker.observe(pod: Self.pod("web-a", uid: "victim", terminating: true), deleted: true, at: Self.at(0.35))
        tracker.observe(pod: Self.pod("web-b", uid: "new", phase: .running), deleted: false, at: Self.at(1.1))
        tracker.observe(pod: Self.pod("web-b", uid: "new", phase: .running, ready: true), deleted: false, at: Self.at(2.08))
        #expect(!tracker.isRecovered)
        var degraded = Self.owner
        degraded.readyReplicas = 2
        tracker.observe(owner: degraded, at: Self.at(2.085))
        tracker.observe(services: [], slices: [], at: Self.at(2.086))
        tracker.observe(owner: Self.owner, at: Self.at(2.09))
        let result = tracker.result(timedOut: false)
        #expect(result.verdict == .recovered)
        #expect(result.replacement?.uid == "new")
        let p = result.phases
        #expect(approximately(p.terminating, 0.01))
        #expect(approximately(p.replacementCreated, 0.05))
        #expect(approximately(p.scheduled, 0.06))
        #expect(approximately(p.gone, 0.35))
        #expect(approximately(p.running, 1.1))
        #expect(approximately(p.ready, 2.08))
        #expect(approximately(p.ownerAvailable, 2.09))
        #expect(p.endpointsReady == nil, "no Service selects the pod")
        #expect(approximately(result.recoverySeconds, 2.09))
        #expect(result.shutdown?.likelyIgnoresSIGTERM == false)
    }

    @Test("Pods that existed before the kill, or belong to another owner, are never the replacement")
    func notReplacements() {
        var tracker = Self.tracker()
        tracker.observe(pod: Self.pod("web-x", uid: "other-1", phase: .running, ready: true), deleted: false, at: Self.at(0.1))
        tracker.observe(
            pod: Self.pod("db-0", uid: "db", controller: "sts-uid", phase: .running, ready: true), deleted: false, at: Self.at(0.2))
        #expect(tracker.replacement == nil)
        #expect(tracker.result(timedOut: true).reason == .victimNotGone)
    }

    @Test("A StatefulSet's replacement is the same name with a new UID")
    func statefulSet() {
        var tracker = Self.tracker(kind: "StatefulSet")
        tracker.observe(pod: Self.pod("web-c", uid: "unrelated"), deleted: false, at: Self.at(0.1))
        #expect(tracker.replacement == nil)
        tracker.observe(pod: Self.pod("web-a", uid: "victim"), deleted: true, at: Self.at(0.3))
        tracker.observe(pod: Self.pod("web-a", uid: "reborn"), deleted: false, at: Self.at(0.4))
        #expect(tracker.replacement?.metadata.uid == "reborn")
        #expect(approximately(tracker.phases.replacementCreated, 0.4))
    }

    struct FailureRow: Sendable, CustomStringConvertible {
        let name: String
        let pod: Pod?
        let victimGone: Bool
        let expected: RecoveryReason
        var description: String { name }
    }

    static let failures: [FailureRow] = [
        FailureRow(
            name: "unschedulable", pod: pod("r", uid: "r", node: nil, scheduledFalse: true), victimGone: true, expected: .unschedulable),
        FailureRow(
            name: "image pull backoff", pod: pod("r", uid: "r", waiting: "ImagePullBackOff"), victimGone: true, expected: .imagePullBackOff),
        FailureRow(name: "err image pull", pod: pod("r", uid: "r", waiting: "ErrImagePull"), victimGone: true, expected: .errImagePull),
        FailureRow(
            name: "crashloop", pod: pod("r", uid: "r", phase: .running, waiting: "CrashLoopBackOff"), victimGone: true,
            expected: .crashLoopBackOff),
        FailureRow(
            name: "stuck creating", pod: pod("r", uid: "r", waiting: "ContainerCreating"), victimGone: true,
            expected: .stuckContainerCreating),
        FailureRow(name: "never ready", pod: pod("r", uid: "r", phase: .running), victimGone: true, expected: .neverReady),
        FailureRow(
            name: "owner not available", pod: pod("r", uid: "r", phase: .running, ready: true), victimGone: true,
            expected: .ownerNotAvailable),
        FailureRow(name: "no replacement", pod: nil, victimGone: true, expected: .noReplacement),
        FailureRow(name: "victim still there", pod: nil, victimGone: false, expected: .victimNotGone),
    ]

    @Test("A timeout names the most specific reason the replacement's state shows", arguments: failures)
    func failureReasons(_ row: FailureRow) {
        var tracker = Self.tracker()
        if row.victimGone { tracker.observe(pod: Self.pod("web-a", uid: "victim"), deleted: true, at: Self.at(0.3)) }
        if let pod = row.pod { tracker.observe(pod: pod, deleted: false, at: Self.at(0.5)) }
        var degraded = Self.owner
        degraded.readyReplicas = 2
        tracker.observe(owner: degraded, at: Self.at(0.6))
        let result = tracker.result(timedOut: true)
        #expect(result.verdict == .timeout)
        #expect(result.reason == row.expected)
    }

    @Test("Owner scaled down or deleted explains a missing replacement")
    func ownerChanges() {
        var scaled = Self.tracker()
        var smaller = Self.owner
        smaller.desiredReplicas = 2
        scaled.observe(owner: smaller, at: Self.at(0.2))
        scaled.observe(pod: Self.pod("web-a", uid: "victim"), deleted: true, at: Self.at(0.3))
        #expect(scaled.result(timedOut: true).reason == .ownerScaledDown)
        var deleted = Self.tracker()
        deleted.observeOwnerDeleted(at: Self.at(0.2))
        #expect(deleted.result(timedOut: true).reason == .ownerDeleted)
    }

    @Test("A recovery objective turns the verdict into pass or fail", arguments: [(Duration.seconds(3), true), (.seconds(1), false)])
    func objective(slo: Duration, met: Bool) {
        var tracker = Self.tracker(slo: slo)
        tracker.observe(pod: Self.pod("web-b", uid: "new", phase: .running, ready: true), deleted: false, at: Self.at(2))
        tracker.observe(services: [], slices: [], at: Self.at(2))
        tracker.observe(owner: Self.owner, at: Self.at(2))
        let result = tracker.result(timedOut: false)
        #expect(result.slo?.met == met)
        #expect(result.passed == met)
    }

    @Test("Endpoints are ready when every Service selecting the replacement routes to it")
    func endpoints() {
        var tracker = Self.tracker()
        tracker.observe(pod: Self.pod("web-b", uid: "new", phase: .running, ready: true), deleted: false, at: Self.at(1))
        tracker.observe(owner: Self.owner, at: Self.at(1))
        let service = Service(metadata: ObjectMeta(name: "web", namespace: "demo"), spec: .init(selector: ["app": "web"]))
        let unrelated = Service(metadata: ObjectMeta(name: "db", namespace: "demo"), spec: .init(selector: ["app": "db"]))
        func slice(ready: Bool) -> EndpointSlice {
            var slice = EndpointSlice(metadata: ObjectMeta(name: "web-x", namespace: "demo", labels: ["kubernetes.io/service-name": "web"]))
            slice.endpoints = [
                .init(
                    addresses: ["10.0.0.1"], conditions: .init(ready: ready),
                    targetRef: ObjectReference(kind: "Pod", name: "web-b", uid: "new"))
            ]
            return slice
        }
        tracker.observe(services: [service, unrelated], slices: [slice(ready: false)], at: Self.at(1.5))
        #expect(!tracker.isRecovered)
        tracker.observe(services: [service, unrelated], slices: [slice(ready: true)], at: Self.at(1.7))
        #expect(tracker.isRecovered)
        #expect(approximately(tracker.phases.endpointsReady, 1.7))
        #expect(approximately(tracker.recoverySeconds, 1.7))
    }

    @Test("A victim that used 90 % of its grace period is flagged as likely ignoring SIGTERM")
    func ignoresSIGTERM() {
        var tracker = Self.tracker()
        tracker.observe(pod: Self.pod("web-a", uid: "victim"), deleted: true, at: Self.at(29))
        #expect(tracker.result(timedOut: true).shutdown?.likelyIgnoresSIGTERM == true)
    }
}

@Suite("Recovery tracking of a Job's pod")
struct JobRecoveryTests {
    @Test("A Job's new pod is its replacement, and the Job counts as available once it reports the pods ready")
    func jobReplacement() {
        let t0 = RecoveryTrackerTests.t0
        let job = Workload(kind: "Job", name: "batch", namespace: "demo", uid: "job-uid", desiredReplicas: 1, readyReplicas: 1)
        let victim = RecoveryTrackerTests.pod("batch-a", uid: "victim", controller: "job-uid", phase: .running, ready: true)
        var tracker = RecoveryTracker(
            target: RecoveryTarget(
                killID: KillID(rawValue: "k"), victim: victim, owner: job, requestedAt: t0, podControllerUIDs: ["job-uid"],
                existingPodUIDs: ["victim"], slo: nil))
        tracker.observe(
            pod: RecoveryTrackerTests.pod("batch-b", uid: "new", controller: "job-uid", phase: .running, ready: true), deleted: false,
            at: t0.addingTimeInterval(1))
        tracker.observe(services: [], slices: [], at: t0.addingTimeInterval(1))
        tracker.observe(owner: job, at: t0.addingTimeInterval(1.2))
        #expect(tracker.result(timedOut: false).verdict == .recovered)
        #expect(tracker.replacement?.metadata.name == "batch-b")
    }
}
