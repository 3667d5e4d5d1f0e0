import KubeAPI
import PodChaos

/// The daemon's view of its targets, kept current by one list-then-watch per kind and scope (client-go's shared
/// informers): pods, their owners, budgets, namespaces, Services and EndpointSlices. Ticks plan from it and kills
/// observe recovery through it without a request; a watch lists again only when its resourceVersion expires (410).
public actor WatchCache: InventorySource, RecoveryWatchSource {
    /// Where the watches look.
    public enum Scope: Sendable, Hashable {
        case cluster
        case namespaces([String])
    }

    /// Named namespaces are watched one by one up to this many (11 watches each); past that the daemon lists on every
    /// tick instead, so that the watch connections left over are enough for recovery observation.
    public static let namespaceLimit = 15
    /// How long a tick waits for the watches to list before it gives up (`api_error`); they keep trying meanwhile,
    /// with client-go's backoff, so an unreachable API server fails ticks instead of hanging them. Both wait on the
    /// client's clock (`ClientOptions.clock`).
    public static let defaultSyncTimeout: Duration = .seconds(60)
    let syncTimeout: Duration

    public let scope: Scope
    private let client: KubernetesClient
    private let pods: InformerGroup<Pod>
    private let replicaSets: InformerGroup<ReplicaSet>
    private let deployments: InformerGroup<Deployment>
    private let statefulSets: InformerGroup<StatefulSet>
    private let daemonSets: InformerGroup<DaemonSet>
    private let jobs: InformerGroup<Job>
    private let budgets: InformerGroup<PodDisruptionBudget>
    private let services: InformerGroup<Service>
    private let slices: InformerGroup<EndpointSlice>
    private let namespaces: InformerGroup<Namespace>
    /// Single objects watched on request (the daemon's own Deployment), run by `run()`.
    private let extras: AsyncStream<SharedInformer<Deployment>>
    private let addExtra: AsyncStream<SharedInformer<Deployment>>.Continuation
    private var ownDeployments: [DeploymentRef: SharedInformer<Deployment>] = [:]
    /// While `run()` runs: only then are the watches fed, so only then is the cache read. A cache nobody runs (a tick
    /// driven on its own) answers from the API instead, as `InventoryLoader` does, rather than waiting forever.
    public private(set) var isRunning = false

    /// The cache for `criteria`, or nil when its named namespaces are too many to watch one by one.
    public static func forTargets(_ criteria: SelectionCriteria, client: KubernetesClient) -> WatchCache? {
        scope(for: criteria.namespaces, defaultNamespace: client.config.namespace).map {
            WatchCache(client: client, scope: $0, criteria: criteria)
        }
    }

    /// Where a cache for `namespaces` watches (the namespaces a run lists, as `InventoryLoader` chooses them), or nil
    /// when they are more named namespaces than `namespaceLimit`.
    public static func scope(for namespaces: NamespaceScope, defaultNamespace: String) -> Scope? {
        if namespaces.listsAllNamespaces { return .cluster }
        let names = (namespaces.included.isEmpty ? [defaultNamespace] : namespaces.included)
            .filter { !namespaces.excluded.contains($0) && !namespaces.protected.contains($0) }
        return names.count <= namespaceLimit ? .namespaces(names) : nil
    }

    /// Pods are watched with the run's selectors, so only those it may select are held.
    init(client: KubernetesClient, scope: Scope, criteria: SelectionCriteria, syncTimeout: Duration = defaultSyncTimeout) {
        self.client = client
        self.scope = scope
        self.syncTimeout = syncTimeout
        pods = InformerGroup(
            client: client, scope: scope,
            labelSelector: criteria.labelSelector.isEverything ? nil : criteria.labelSelector.description,
            fieldSelector: criteria.fieldSelector.isEverything ? nil : criteria.fieldSelector.description,
            transform: PodCompactor.trim)
        replicaSets = InformerGroup(client: client, scope: scope)
        deployments = InformerGroup(client: client, scope: scope)
        statefulSets = InformerGroup(client: client, scope: scope)
        daemonSets = InformerGroup(client: client, scope: scope)
        jobs = InformerGroup(client: client, scope: scope)
        budgets = InformerGroup(client: client, scope: scope)
        services = InformerGroup(client: client, scope: scope)
        slices = InformerGroup(client: client, scope: scope)
        namespaces = InformerGroup(client: client, scope: scope)
        (extras, addExtra) = AsyncStream.makeStream()
    }

    /// Runs every watch until cancelled.
    public func run() async {
        let groups: [@Sendable () async -> Void] = [
            pods.run, replicaSets.run, deployments.run, statefulSets.run, daemonSets.run, jobs.run, budgets.run, services.run,
            slices.run, namespaces.run,
        ]
        let extras = self.extras
        let clock = client.options.clock
        isRunning = true
        defer { isRunning = false }
        await withDiscardingTaskGroup { group in
            for run in groups { group.addTask { await run() } }
            for await informer in extras {
                group.addTask { await InformerGroup<Deployment>.keepRunning(informer, clock: clock) }
            }
            group.cancelAll()
        }
    }

    // MARK: - InventorySource

    /// The inventory as the watches last saw it, once each has listed. Throws a watch's refusal.
    public func load(_ criteria: SelectionCriteria) async throws -> Inventory {
        guard isRunning else { return try await InventoryLoader(client: client).load(criteria) }
        let groups: [@Sendable () async throws -> Void] = [
            pods.waitUntilSynced, replicaSets.waitUntilSynced, deployments.waitUntilSynced, statefulSets.waitUntilSynced,
            daemonSets.waitUntilSynced, jobs.waitUntilSynced, budgets.waitUntilSynced, namespaces.waitUntilSynced,
        ]
        try await withinSyncTimeout {
            for wait in groups { try await wait() }
        }
        var owners = OwnerIndex()
        for replicaSet in await replicaSets.items() { owners.insert(replicaSet) }
        for deployment in await deployments.items() { owners.insert(Workload(deployment)) }
        for statefulSet in await statefulSets.items() { owners.insert(Workload(statefulSet)) }
        for daemonSet in await daemonSets.items() { owners.insert(Workload(daemonSet)) }
        for job in await jobs.items() { owners.insert(Workload(job)) }
        let known = await namespaces.items()
        var labels: [String: [String: String]] = [:]
        for namespace in known { labels[namespace.name] = namespace.metadata.labels ?? [:] }
        var missing: [String] = []
        if case .namespaces(let names) = scope { missing = names.filter { labels[$0] == nil } }
        var inventory = Inventory(
            pods: await pods.items(), owners: owners, budgets: await budgets.items(),
            namespaceLabels: criteria.namespaces.selector == nil ? [:] : labels, missingNamespaces: missing)
        // In a stable order, so a seed picks the same pods from the same cluster. Candidates are sorted rather than
        // pods (a candidate moves as one pointer, a pod as 392 bytes and some twenty references), by keys read once.
        inventory.candidates = inventory.candidates.map { (namespace: $0.namespace, name: $0.name, candidate: $0) }
            .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }.map(\.candidate)
        return inventory
    }

    /// How many objects and subscriptions the watches hold, by kind: what a long run must keep bounded.
    func held() async -> [String: (objects: Int, subscribers: Int)] {
        [
            "pods": await pods.held(), "replicasets": await replicaSets.held(), "deployments": await deployments.held(),
            "statefulsets": await statefulSets.held(), "daemonsets": await daemonSets.held(), "jobs": await jobs.held(),
            "poddisruptionbudgets": await budgets.held(), "services": await services.held(), "endpointslices": await slices.held(),
            "namespaces": await namespaces.held(),
        ]
    }

    // MARK: - RecoveryWatchSource

    public func sharedEvents<T: KubernetesObject>(_ type: T.Type, namespace: String?) async
        -> AsyncThrowingStream<Reflector<T>.Event, any Error>?
    {
        guard isRunning else { return nil }
        let groups: [any Sendable] = [pods, replicaSets, deployments, statefulSets, daemonSets, jobs, services, slices]
        for group in groups {
            if let match = group as? InformerGroup<T> { return await match.subscribe(namespace: namespace) }
        }
        return nil
    }

    // MARK: - Gates

    /// The namespace named `name` as last seen, once the namespaces have listed; nil when it does not exist.
    public func namespace(_ name: String) async throws -> Namespace? {
        let namespaces = self.namespaces
        try await withinSyncTimeout { try await namespaces.waitUntilSynced() }
        return await namespaces.item(named: name)
    }

    /// The Deployment `ref` as last seen, watched from the first call on; nil when it does not exist.
    public func ownDeployment(_ ref: DeploymentRef) async throws -> Deployment? {
        let informer: SharedInformer<Deployment>
        if let known = ownDeployments[ref] {
            informer = known
        } else {
            informer = SharedInformer(Reflector(client: client, namespace: ref.namespace, fieldSelector: "metadata.name=\(ref.name)"))
            ownDeployments[ref] = informer
            addExtra.yield(informer)
        }
        try await withinSyncTimeout { try await informer.waitUntilSynced() }
        return await informer.items().first
    }

    /// Runs `wait`, or throws `WatchCacheError` once `syncTimeout` has passed.
    private func withinSyncTimeout(_ wait: @escaping @Sendable () async throws -> Void) async throws {
        let syncTimeout = self.syncTimeout
        let clock = client.options.clock
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await wait()
                return true
            }
            group.addTask {
                try await clock.sleep(for: syncTimeout)
                return false
            }
            let synced = try await group.next() ?? false
            group.cancelAll()
            guard synced else { throw WatchCacheError(waited: syncTimeout) }
        }
    }
}
