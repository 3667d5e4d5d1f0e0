import Foundation
import KubeAPI

/// The kubelets of every node, simulated: a bound pod goes ContainerCreating, Running after the start delay and
/// Ready after the ready delay; a pod being deleted stays Terminating for the termination delay (never longer
/// than its grace period) and is then removed. Failure annotations make a pod crash-loop, fail its image pull or
/// never become Ready. A pod that already runs when first seen (seeded with a status) is left as it is.
/// Timers exist only while a pod is between two states.
public struct KubeletController: Controller {
    public let name = "kubelet"
    let timings: PodLifecycleTimings
    private var runs: [ObjectKey: PodRun] = [:]
    private var addressesAssigned = 0

    public init(timings: PodLifecycleTimings = PodLifecycleTimings()) {
        self.timings = timings
    }

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        guard change.type == ControlledResources.pods else { return [] }
        if change.deleted {
            if runs[change.key]?.uid == change.object.uid { runs[change.key] = nil }
            return []
        }
        return change.object.nodeName.isEmpty ? [] : [change.key]
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let pod = cache.get(key), !pod.nodeName.isEmpty else { return [] }
        if runs[key]?.uid != pod.uid { runs[key] = nil }
        let annotations = SandboxPodAnnotations(pod)
        if pod.isTerminating { return terminate(key, pod, annotations, cache: cache, now: now) }

        var actions: [ControllerAction] = []
        guard var run = runs[key] else {
            // Only pods the kubelet has not started yet are its to run; seeded running pods keep their state.
            guard pod.podPhase == "Pending", pod[path: ["status", "containerStatuses"]] == nil else { return [] }
            let run = PodRun(uid: pod.uid, acceptedAt: now, hostIP: hostIP(of: pod.nodeName, in: cache))
            runs[key] = run
            actions += annotations.problems.map {
                PodEvent.record(
                    "Warning", reason: "InvalidAnnotation", message: $0, about: pod, component: "kubelet", host: pod.nodeName, now: now)
            }
            return actions + [writeStatus(key, pod, run, now: now), .requeue(key, after: annotations.startDelay ?? timings.startDelay)]
        }
        let before = (run.stage, run.restarts)
        let next = advance(&run, annotations, now: now)
        runs[key] = run
        // Status is written on transitions only, so a client that edits a pod's status (a test making it unready)
        // keeps its edit until the pod's next step.
        if before != (run.stage, run.restarts) { actions.append(writeStatus(key, pod, run, now: now)) }
        if let next { actions.append(.requeue(key, after: .seconds(max(0, next.timeIntervalSince(now))))) }
        return actions
    }

    /// Moves the pod along as far as `now` allows; answers when the next step is due, if any.
    private mutating func advance(_ run: inout PodRun, _ annotations: SandboxPodAnnotations, now: Date) -> Date? {
        let start = run.acceptedAt.addingTimeInterval((annotations.startDelay ?? timings.startDelay).seconds)
        let readyDelay = (annotations.readyDelay ?? timings.readyDelay).seconds
        switch run.stage {
        case .creating:
            guard now >= start else { return start }
            if annotations.failure == .imagePullError {
                run.stage = .imagePullError
                return now.addingTimeInterval(readyDelay)
            }
            run.podIP = run.podIP ?? nextPodIP()
            run.stage = .running(since: now)
            return annotations.failure == .neverReady ? nil : now.addingTimeInterval(readyDelay)
        case .imagePullError:
            run.stage = .imagePullBackOff
            return nil
        case .imagePullBackOff, .ready:
            return nil
        case .running(let since):
            let due = since.addingTimeInterval(readyDelay)
            if annotations.failure == .neverReady { return nil }
            guard now >= due else { return due }
            guard annotations.failure == .crashloop else {
                run.stage = .ready(since: now)
                return nil
            }
            run.restarts += 1
            let backOff = min(
                timings.initialBackOff.seconds * pow(2, Double(min(run.restarts - 1, 30))), timings.maximumBackOff.seconds)
            let until = now.addingTimeInterval(backOff)
            run.stage = .crashBackOff(until: until)
            run.lastTermination = (since, now)
            return until
        case .crashBackOff(let until):
            guard now >= until else { return until }
            run.stage = .running(since: now)
            return now.addingTimeInterval(readyDelay)
        }
    }

    private mutating func terminate(
        _ key: ObjectKey, _ pod: JSONValue, _ annotations: SandboxPodAnnotations, cache: ObjectCache, now: Date
    ) -> [ControllerAction] {
        var run = runs[key] ?? PodRun(uid: pod.uid, acceptedAt: now, hostIP: hostIP(of: pod.nodeName, in: cache))
        let since = run.terminatingSince ?? now
        run.terminatingSince = since
        runs[key] = run
        let grace = Double(pod[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 30)
        let delay = min((annotations.terminationDelay ?? timings.terminationDelay).seconds, grace)
        let due = since.addingTimeInterval(delay)
        guard now >= due else { return [.requeue(key, after: .seconds(due.timeIntervalSince(now)))] }
        return [.finishTermination(key)]
    }

    private mutating func nextPodIP() -> String {
        // 10.244.0.0/16, the pod network kind and kubeadm clusters use; .0 and .1 of each /24 are skipped.
        let index = addressesAssigned
        addressesAssigned += 1
        return "10.244.\((index / 253) % 256).\(index % 253 + 2)"
    }

    private func hostIP(of node: String, in cache: ObjectCache) -> String {
        let addresses =
            cache.get(ObjectKey(ControlledResources.nodes, namespace: nil, name: node))?[path: ["status", "addresses"]]?.arrayValue ?? []
        return addresses.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue ?? "172.18.0.2"
    }

    private func writeStatus(_ key: ObjectKey, _ pod: JSONValue, _ run: PodRun, now: Date) -> ControllerAction {
        .modify(key, subresource: .status) { current throws(StatusError) in
            // The pod may have been replaced under the same name since this was decided.
            guard current.uid == run.uid else { throw StatusError(code: 409, reason: "Conflict", message: "pod was replaced") }
            var next = current
            next["status"] = PodStatusBuilder.status(of: current, run: run, now: now)
            return next
        }
    }
}
