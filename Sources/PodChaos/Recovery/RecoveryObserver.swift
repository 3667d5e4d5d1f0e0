import Foundation
import KubeAPI
import Logging

/// Watches the namespaces of an experiment — one shared watch per namespace and kind, never one per victim — and
/// feeds every change to the trackers of the kills in flight and to the namespace timeline.
public actor RecoveryObserver {
    static let observedKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]

    private let client: KubernetesClient
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private var tasks: [Task<Void, Never>] = []
    private var pods: [String: Pod] = [:]
    private var replicaSets: [String: ReplicaSet] = [:]
    private var services: [String: [String: Service]] = [:]
    private var slices: [String: [String: EndpointSlice]] = [:]
    private var trackers: [KillID: RecoveryTracker] = [:]
    private var synced = 0
    private var expectedSyncs = 0
    private var syncWaiters: [CheckedContinuation<Void, Never>] = []
    public private(set) var timeline = Timeline()
    /// The first watch the API refused (forbidden, unauthorized): the configuration lacks a permission, which must
    /// fail the run rather than quietly leave recovery unobserved.
    public private(set) var refusal: KubeAPIError?

    public init(
        client: KubernetesClient, logger: Logger = Logger(label: "podchaosmonkey.recovery"),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.logger = logger
        self.clock = clock
    }

    /// Starts the watches and returns once each has listed its initial state.
    public func start(namespaces: Set<String>) async {
        for namespace in namespaces.sorted() {
            watch(Pod.self, namespace) { observer, event, time in await observer.handlePod(event, at: time) }
            watch(ReplicaSet.self, namespace) { observer, event, time in await observer.handleReplicaSet(event, at: time) }
            watch(Deployment.self, namespace) { observer, event, time in await observer.handleOwner(event, at: time, Workload.init) }
            watch(StatefulSet.self, namespace) { observer, event, time in await observer.handleOwner(event, at: time, Workload.init) }
            watch(DaemonSet.self, namespace) { observer, event, time in await observer.handleOwner(event, at: time, Workload.init) }
            watch(Job.self, namespace) { observer, event, time in await observer.handleOwner(event, at: time, Workload.init) }
            watch(Service.self, namespace) { observer, event, time in await observer.handleService(event, at: time) }
            watch(EndpointSlice.self, namespace) { observer, event, time in await observer.handleSlice(event, at: time) }
        }
        if synced < expectedSyncs {
            await withCheckedContinuation { syncWaiters.append($0) }
        }
    }

    public func stop() {
        for task in tasks { task.cancel() }
        tasks.removeAll()
    }

    private func watch<T: KubernetesObject>(
        _ type: T.Type, _ namespace: String, _ handle: @escaping @Sendable (RecoveryObserver, Reflector<T>.Event, Date) async -> Void
    ) {
        expectedSyncs += 1
        let reflector = Reflector<T>(client: client, namespace: namespace)
        let clock = self.clock
        let logger = self.logger
        tasks.append(
            Task { [weak self] in
                var first = true
                do {
                    for try await event in reflector.events() {
                        guard let self else { return }
                        await handle(self, event, clock())
                        if case .synced = event, first {
                            first = false
                            await self.didSync()
                        }
                    }
                } catch is CancellationError {
                } catch {
                    // A watch that cannot run must not hang the experiment: recovery becomes unobservable, and a
                    // refusal is kept for the engine to fail the run with.
                    logger.warning(
                        "recovery watch failed", metadata: ["resource": "\(T.resource)", "namespace": "\(namespace)", "error": "\(error)"])
                    if let refusal = error as? KubeAPIError, refusal.isForbidden || refusal.isUnauthorized {
                        await self?.refused(refusal)
                    }
                    if first { await self?.didSync() }
                }
            })
    }

    private func refused(_ error: KubeAPIError) {
        if refusal == nil { refusal = error }
    }

    private func didSync() {
        synced += 1
        if synced >= expectedSyncs {
            for waiter in syncWaiters { waiter.resume() }
            syncWaiters.removeAll()
        }
    }

    // MARK: - Tracking

    /// Registers a kill just before it is sent, so no early transition of the victim is missed.
    public func expect(killID: KillID, victim: Pod, owner: Workload, slo: Duration?) -> Date {
        let requestedAt = clock()
        let controllers = podControllerUIDs(for: owner)
        let existing = Set(
            pods.values.filter { pod in pod.metadata.controller.map { controllers.contains($0.uid) } ?? false }.compactMap(\.metadata.uid))
        var tracker = RecoveryTracker(
            target: RecoveryTarget(
                killID: killID, victim: victim, owner: owner, requestedAt: requestedAt, podControllerUIDs: controllers,
                existingPodUIDs: existing, slo: slo))
        tracker.observe(owner: owner, at: requestedAt)
        let namespace = owner.namespace
        tracker.observe(
            services: Array((services[namespace] ?? [:]).values), slices: Array((slices[namespace] ?? [:]).values), at: requestedAt)
        trackers[killID] = tracker
        timeline.markKill(killID: killID, pod: victim, at: requestedAt)
        return requestedAt
    }

    /// Forgets a kill that did not happen (blocked, failed, dry run).
    public func cancel(_ killID: KillID) {
        trackers[killID] = nil
        timeline.unmarkKill(killID)
    }

    /// Waits until every tracked kill recovered or `timeout` passed since its request, then returns the results;
    /// returns early when a watch was refused, as nothing more can be observed reliably, and when `interrupted`
    /// becomes true: a kill still within its timeout is then `interrupted`.
    public func results(
        timeout: Duration, poll: Duration = .milliseconds(50), interrupted: @Sendable () -> Bool = { false }
    ) async -> [KillID: RecoveryResult] {
        func timedOut(_ tracker: RecoveryTracker) -> Bool { clock().timeIntervalSince(tracker.target.requestedAt) >= timeout.seconds }
        while refusal == nil, !interrupted(), !trackers.values.allSatisfy({ $0.isRecovered || timedOut($0) }) {
            try? await Task.sleep(for: poll)
            if Task.isCancelled { break }
        }
        let cutShort = interrupted()
        return trackers.mapValues { tracker in
            cutShort && !timedOut(tracker) ? tracker.interruptedResult() : tracker.result(timedOut: !tracker.isRecovered)
        }
    }

    /// Progress for a live status line: kills still waiting, and the slowest one's state.
    public func pending() -> [RecoveryTracker] { trackers.values.filter { !$0.isRecovered } }

    private func podControllerUIDs(for owner: Workload) -> Set<String> {
        guard owner.kind == "Deployment" else { return [owner.uid] }
        let owned = replicaSets.values.filter { $0.metadata.controller?.uid == owner.uid }.compactMap(\.metadata.uid)
        return Set(owned)
    }

    // MARK: - Events

    private func handlePod(_ event: Reflector<Pod>.Event, at time: Date) {
        switch event {
        case .added(let pod), .modified(let pod):
            let previous = pod.metadata.uid.flatMap { pods[$0] }
            if let uid = pod.metadata.uid { pods[uid] = pod }
            timeline.record(pod, previous: previous, deleted: false, at: time)
            for key in trackers.keys { trackers[key]?.observe(pod: pod, deleted: false, at: time) }
            refreshEndpoints(at: time)
        case .deleted(let pod):
            if let uid = pod.metadata.uid { pods[uid] = nil }
            timeline.record(pod, previous: nil, deleted: true, at: time)
            for key in trackers.keys { trackers[key]?.observe(pod: pod, deleted: true, at: time) }
        case .synced(let all):
            for pod in all { if let uid = pod.metadata.uid { pods[uid] = pod } }
        }
    }

    private func handleReplicaSet(_ event: Reflector<ReplicaSet>.Event, at time: Date) {
        switch event {
        case .added(let set), .modified(let set):
            if let uid = set.metadata.uid { replicaSets[uid] = set }
            // A Deployment rolling out mid-experiment: its new ReplicaSet's pods count as the owner's too.
            for (key, tracker) in trackers
            where tracker.target.owner.kind == "Deployment" && set.metadata.controller?.uid == tracker.target.owner.uid {
                if let uid = set.metadata.uid { trackers[key]?.addPodController(uid) }
            }
        case .deleted(let set):
            if let uid = set.metadata.uid { replicaSets[uid] = nil }
        case .synced(let all):
            for set in all { if let uid = set.metadata.uid { replicaSets[uid] = set } }
        }
    }

    private func handleOwner<T: KubernetesObject>(_ event: Reflector<T>.Event, at time: Date, _ makeWorkload: (T) -> Workload) {
        switch event {
        case .added(let object), .modified(let object):
            let workload = makeWorkload(object)
            for (key, tracker) in trackers where tracker.target.owner.uid == workload.uid {
                trackers[key]?.observe(owner: workload, at: time)
            }
        case .deleted(let object):
            for (key, tracker) in trackers where tracker.target.owner.uid == object.metadata.uid {
                trackers[key]?.observeOwnerDeleted(at: time)
            }
        case .synced: break
        }
    }

    private func handleService(_ event: Reflector<Service>.Event, at time: Date) {
        switch event {
        case .added(let service), .modified(let service): services[service.metadata.namespace ?? "", default: [:]][service.name] = service
        case .deleted(let service): services[service.metadata.namespace ?? ""]?[service.name] = nil
        case .synced: break
        }
        refreshEndpoints(at: time)
    }

    private func handleSlice(_ event: Reflector<EndpointSlice>.Event, at time: Date) {
        switch event {
        case .added(let slice), .modified(let slice): slices[slice.metadata.namespace ?? "", default: [:]][slice.name] = slice
        case .deleted(let slice): slices[slice.metadata.namespace ?? ""]?[slice.name] = nil
        case .synced: break
        }
        refreshEndpoints(at: time)
    }

    private func refreshEndpoints(at time: Date) {
        for (key, tracker) in trackers {
            let namespace = tracker.target.owner.namespace
            trackers[key]?.observe(
                services: Array((services[namespace] ?? [:]).values), slices: Array((slices[namespace] ?? [:]).values), at: time)
        }
    }
}
