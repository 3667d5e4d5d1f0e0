import Foundation
import KubeAPI
import Logging

/// Watches where kills happen — one shared watch per namespace and kind, never one per victim — and feeds every
/// change to the trackers of the kills in flight and to the timeline of the namespaces killed in.
///
/// A namespace is watched only once a kill is about to happen there (`watch(namespace:)`), and the watches have
/// listed their initial state before that kill is sent. Each watch holds one of the watch client's connections for
/// minutes; a watch beyond the pool waits for a connection that does not free up in time, so its namespace goes
/// unseen and its victim ends as a false `VictimNotGone`. Hence at most `namespaceLimit` namespaces are watched one
/// by one; past that, a configuration that may read every namespace watches the whole cluster instead (one watch per
/// kind), and any other leaves the further kills unobserved (`WatchLimit`).
public actor RecoveryObserver {
    static let observedKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]
    /// The watches one scope opens: pods, ReplicaSets, the five owner kinds but ReplicaSet, Services, EndpointSlices.
    static let watchesPerScope = 8
    /// The most namespaces watched one by one: all their watches fit in the watch client's connection pool at once,
    /// with room left for the cluster-wide watches a switch opens while they still run.
    public static let namespaceLimit = KubernetesClient.watchConnectionsPerHost / watchesPerScope - 1

    /// Where one set of watches looks.
    enum Scope: Hashable, Sendable {
        case namespace(String)
        case cluster
    }

    /// One scope's watches and whether each has listed its initial state yet.
    private struct ScopeWatches {
        var tasks: [Task<Void, Never>] = []
        var expected = 0
        var synced = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var isSynced: Bool { synced >= expected }
    }

    private let client: KubernetesClient
    private let shared: (any RecoveryWatchSource)?
    private let logger: Logger
    /// When things happen: the times of the report and the timeline, and the time the recovery timeout runs on.
    private let clock: @Sendable () -> Date
    /// What `results` sleeps on until a kill's recovery timeout is up; it keeps the time of `clock`.
    private let timer: any Clock<Duration>
    private let mayWatchCluster: Bool
    private var scopes: [Scope: ScopeWatches] = [:]
    /// Set once the cluster-wide watches have listed: the per-namespace ones are then stopped and ignored.
    private var watchingCluster = false
    /// The namespaces kills happen in; the timeline records only their pods.
    private var killedIn: Set<String> = []
    private var pods: [String: Pod] = [:]
    private var replicaSets: [String: ReplicaSet] = [:]
    private var services: [String: [String: Service]] = [:]
    private var slices: [String: [String: EndpointSlice]] = [:]
    private var trackers: [KillID: RecoveryTracker] = [:]
    public private(set) var timeline = Timeline()
    /// The first watch the API refused (forbidden, unauthorized): the configuration lacks a permission, which must
    /// fail the run rather than quietly leave recovery unobserved.
    public private(set) var refusal: KubeAPIError?
    /// Wakes a `results` wait to judge the trackers again; set only while one waits.
    private var wake: AsyncStream<Void>.Continuation?

    /// `mayWatchCluster`: the configuration may list and watch every namespace (`-A`, `--namespace-selector`), so
    /// many namespaces can be watched cluster-wide; `clusterWide` does so from the first watch on. `shared`: watches
    /// already running, used where they cover a scope instead of opening new ones. `clock` and `timer` tell the same
    /// time: a test drives both.
    public init(
        client: KubernetesClient, logger: Logger = Logger(label: "podchaosmonkey.recovery"),
        clock: @escaping @Sendable () -> Date = { Date() }, timer: any Clock<Duration> = ContinuousClock(), mayWatchCluster: Bool = false,
        clusterWide: Bool = false, shared: (any RecoveryWatchSource)? = nil
    ) {
        self.client = client
        self.shared = shared
        self.logger = logger
        self.clock = clock
        self.timer = timer
        self.mayWatchCluster = mayWatchCluster || clusterWide
        if clusterWide { watchingCluster = true }
    }

    /// Whether victims spread over `namespaces` distinct namespaces are better watched cluster-wide from the start.
    public static func prefersClusterWide(namespaces: Int) -> Bool { namespaces > namespaceLimit }

    /// Makes sure `namespace` is watched, and returns once its watches have listed their initial state, so that a
    /// kill sent afterwards misses no event. False when the namespace cannot be watched within `namespaceLimit`.
    public func watch(namespace: String) async -> Bool {
        killedIn.insert(namespace)
        if watchingCluster || scopes[.cluster] != nil {
            await open(.cluster)
            return true
        }
        if scopes[.namespace(namespace)] == nil, scopes.count >= Self.namespaceLimit {
            guard mayWatchCluster else { return false }
            await open(.cluster)
            return true
        }
        await open(.namespace(namespace))
        return true
    }

    public func stop() {
        for scope in scopes.keys { close(scope) }
    }

    /// Stops `scope`'s watches; whoever waits for them to list waits no more.
    private func close(_ scope: Scope) {
        guard let watches = scopes.removeValue(forKey: scope) else { return }
        for task in watches.tasks { task.cancel() }
        for waiter in watches.waiters { waiter.resume() }
    }

    /// Opens `scope`'s watches unless open, and waits until each has listed once.
    private func open(_ scope: Scope) async {
        if scopes[scope] == nil {
            scopes[scope] = ScopeWatches()
            watch(Pod.self, scope) { observer, event, time in observer.handlePod(event, at: time) }
            watch(ReplicaSet.self, scope) { observer, event, time in observer.handleReplicaSet(event, at: time) }
            watch(Deployment.self, scope) { observer, event, time in observer.handleOwner(event, at: time, Workload.init) }
            watch(StatefulSet.self, scope) { observer, event, time in observer.handleOwner(event, at: time, Workload.init) }
            watch(DaemonSet.self, scope) { observer, event, time in observer.handleOwner(event, at: time, Workload.init) }
            watch(Job.self, scope) { observer, event, time in observer.handleOwner(event, at: time, Workload.init) }
            watch(Service.self, scope) { observer, event, time in observer.handleService(event, at: time) }
            watch(EndpointSlice.self, scope) { observer, event, time in observer.handleSlice(event, at: time) }
        }
        if scopes[scope]?.isSynced == false {
            await withCheckedContinuation { scopes[scope]?.waiters.append($0) }
        }
        if scope == .cluster, !watchingCluster || scopes.count > 1 { switchToCluster() }
    }

    /// The cluster-wide watches have listed everything the per-namespace ones watch: only they are heard from now on.
    private func switchToCluster() {
        watchingCluster = true
        for scope in scopes.keys where scope != .cluster { close(scope) }
    }

    /// Whether events of `scope` still count: per-namespace ones stop counting once the cluster is watched.
    private func hears(_ scope: Scope) -> Bool { scope == .cluster || !watchingCluster }

    private func watch<T: KubernetesObject>(
        _ type: T.Type, _ scope: Scope, _ handle: @escaping @Sendable (isolated RecoveryObserver, Reflector<T>.Event, Date) -> Void
    ) {
        scopes[scope]?.expected += 1
        let reflector: Reflector<T>
        let namespace: String?
        switch scope {
        case .namespace(let name):
            reflector = Reflector<T>(client: client, namespace: name)
            namespace = name
        case .cluster:
            reflector = Reflector<T>(client: client, allNamespaces: true)
            namespace = nil
        }
        let clock = self.clock
        let logger = self.logger
        let shared = self.shared
        let task = Task { [weak self] in
            var first = true
            do {
                let events = await shared?.sharedEvents(T.self, namespace: namespace) ?? reflector.events()
                for try await event in events {
                    guard let self else { return }
                    await self.deliver(event, of: scope, at: clock(), to: handle)
                    if case .synced = event, first {
                        first = false
                        await self.didSync(scope)
                    }
                }
            } catch is CancellationError {
            } catch {
                // A watch that cannot run must not hang the experiment: recovery becomes unobservable, and a
                // refusal is kept for the engine to fail the run with.
                logger.warning("recovery watch failed", metadata: ["resource": "\(T.resource)", "scope": "\(scope)", "error": "\(error)"])
                if let refusal = error as? KubeAPIError, refusal.isForbidden || refusal.isUnauthorized {
                    await self?.refused(refusal)
                }
                if first { await self?.didSync(scope) }
            }
        }
        scopes[scope]?.tasks.append(task)
    }

    /// Hands an event of `scope` to `handle`, unless that scope is no longer heard, and wakes a `results` wait.
    private func deliver<T: KubernetesObject>(
        _ event: Reflector<T>.Event, of scope: Scope, at time: Date,
        to handle: (isolated RecoveryObserver, Reflector<T>.Event, Date) -> Void
    ) {
        guard hears(scope) else { return }
        handle(self, event, time)
        wake?.yield()
    }

    private func refused(_ error: KubeAPIError) {
        if refusal == nil { refusal = error }
        wake?.yield()
    }

    private func didSync(_ scope: Scope) {
        guard var watches = scopes[scope] else { return }
        watches.synced += 1
        if watches.isSynced {
            for waiter in watches.waiters { waiter.resume() }
            watches.waiters.removeAll()
        }
        scopes[scope] = watches
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
    /// returns early when a watch was refused, as nothing more can be observed reliably, and when `interruption` is
    /// raised: a kill still within its timeout is then `interrupted`. The wait is woken by what can end it: an event,
    /// a refusal, a timeout falling due, the interruption, or the cancellation of the calling task.
    public func results(timeout: Duration, interruption: Interruption? = nil) async -> [KillID: RecoveryResult] {
        func timedOut(_ tracker: RecoveryTracker) -> Bool { clock().timeIntervalSince(tracker.target.requestedAt) >= timeout.seconds }
        func settled() -> Bool {
            refusal != nil || interruption?.isRaised == true || trackers.values.allSatisfy { $0.isRecovered || timedOut($0) }
        }
        if !settled() {
            let deadlines = Set(trackers.values.map { $0.target.requestedAt.addingTimeInterval(timeout.seconds) }).sorted()
            await wait(until: settled, deadlines: deadlines, interruption: interruption)
        }
        let cutShort = interruption?.isRaised == true
        return trackers.mapValues { tracker in
            cutShort && !timedOut(tracker) ? tracker.interruptedResult() : tracker.result(timedOut: !tracker.isRecovered)
        }
    }

    /// Suspends until `settled` holds, judged again whenever something may have changed it: an event or a refusal, one
    /// of `deadlines` falling due, or `interruption` raised. Ends early when the calling task is cancelled.
    private func wait(until settled: () -> Bool, deadlines: [Date], interruption: Interruption?) async {
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [clock, timer] in
                for deadline in deadlines {
                    guard await Self.sleep(until: deadline, clock: clock, timer: timer) else { return }
                    wake.yield()
                }
            }
            if let interruption {
                group.addTask {
                    await interruption.wait()
                    wake.yield()
                }
            }
            for await _ in wakes where settled() { break }
            group.cancelAll()
        }
        self.wake = nil
    }

    /// Sleeps on `timer` until `clock` reads `deadline`; false when cancelled first.
    private static func sleep(until deadline: Date, clock: () -> Date, timer: any Clock<Duration>) async -> Bool {
        while true {
            let left = deadline.timeIntervalSince(clock())
            if left <= 0 { return true }
            do {
                try await timer.sleep(for: .seconds(left))
            } catch {
                return false
            }
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
            // The cluster-wide watches list again what a namespace's watches already delivered: no news.
            if let previous, previous.metadata.resourceVersion == pod.metadata.resourceVersion { return }
            if let uid = pod.metadata.uid { pods[uid] = pod }
            if isKilledIn(pod) { timeline.record(pod, previous: previous, deleted: false, at: time) }
            for key in trackers.keys { trackers[key]?.observe(pod: pod, deleted: false, at: time) }
            refreshEndpoints(at: time)
        case .deleted(let pod):
            if let uid = pod.metadata.uid { pods[uid] = nil }
            if isKilledIn(pod) { timeline.record(pod, previous: nil, deleted: true, at: time) }
            for key in trackers.keys { trackers[key]?.observe(pod: pod, deleted: true, at: time) }
        case .synced(let all):
            for pod in all { if let uid = pod.metadata.uid { pods[uid] = pod } }
        }
    }

    private func isKilledIn(_ pod: Pod) -> Bool { killedIn.contains(pod.metadata.namespace ?? "") }

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
