import KubeAPI

/// The shared informers of one kind over a watch cache's scope: one across the cluster, or one per namespace.
struct InformerGroup<T: KubernetesObject>: Sendable {
    /// By namespace; nil: every namespace (or a cluster-scoped kind).
    let informers: [String?: SharedInformer<T>]
    /// The client's clock: a failed informer's retry waits on it, as its reflector's backoff does.
    let clock: any Clock<Duration>

    /// `named`: informers of single objects by name (`metadata.name=`), as RBAC can grant reads of named namespaces.
    /// `transform`: what each informer keeps of an object (see `Reflector.init`).
    init(
        client: KubernetesClient, scope: WatchCache.Scope, labelSelector: String? = nil, fieldSelector: String? = nil,
        transform: @escaping @Sendable (T) -> T = { $0 }
    ) {
        clock = client.options.clock
        switch scope {
        case .cluster:
            let reflector = Reflector<T>(
                client: client, allNamespaces: T.resource.namespaced, labelSelector: labelSelector, fieldSelector: fieldSelector,
                transform: transform)
            informers = [nil: SharedInformer(reflector)]
        case .namespaces(let names):
            informers = Dictionary(
                names.map { name in
                    let reflector =
                        T.resource.namespaced
                        ? Reflector<T>(
                            client: client, namespace: name, labelSelector: labelSelector, fieldSelector: fieldSelector,
                            transform: transform)
                        : Reflector<T>(client: client, fieldSelector: "metadata.name=\(name)", transform: transform)
                    return (name, SharedInformer(reflector))
                }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Runs every informer until cancelled; one that fails (a refusal) runs again after client-go's reflector backoff.
    func run() async {
        await withDiscardingTaskGroup { group in
            for informer in informers.values {
                group.addTask { await Self.keepRunning(informer, clock: clock) }
            }
        }
    }

    static func keepRunning(_ informer: SharedInformer<T>, clock: any Clock<Duration>) async {
        var failures = 0
        while !Task.isCancelled {
            await informer.run()
            failures += 1
            let delay = Reflector<T>.defaultBackoff.delay(beforeRetry: failures, random: Double.random(in: 0..<1))
            try? await clock.sleep(for: delay)
        }
    }

    /// Returns once every informer has listed; throws the first failure.
    func waitUntilSynced() async throws {
        for informer in informers.values { try await informer.waitUntilSynced() }
    }

    /// Every object held, across the scope.
    func items() async -> [T] {
        var all: [T] = []
        for informer in informers.values { all += await informer.items() }
        return all
    }

    /// The object named `name` (in `namespace`, for a namespaced kind), if held.
    func item(named name: String, namespace: String? = nil) async -> T? {
        let informer = informers[T.resource.namespaced ? namespace : name] ?? informers[nil]
        return await informer?.items(in: T.resource.namespaced ? namespace : nil).first { $0.metadata.name == name }
    }

    /// How many objects and subscriptions the informers hold.
    func held() async -> (objects: Int, subscribers: Int) {
        var held = (objects: 0, subscribers: 0)
        for informer in informers.values {
            held.objects += await informer.items().count
            held.subscribers += await informer.subscriberCount
        }
        return held
    }

    /// A subscription covering `namespace` (nil: every namespace), or nil when the scope does not cover it.
    func subscribe(namespace: String?) async -> AsyncThrowingStream<Reflector<T>.Event, any Error>? {
        if let informer = informers[nil] { return await informer.subscribe(namespace: namespace) }
        guard let namespace, let informer = informers[namespace] else { return nil }
        return await informer.subscribe()
    }
}
