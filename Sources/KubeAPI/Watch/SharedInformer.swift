/// One reflector's objects, kept current and shared, as client-go's shared informer and its store: readers take a
/// snapshot without a request, and subscribers get the state as of now (`.synced`) and every change after it, so one
/// LIST and one watch per kind serve every consumer in the process. It relists only when the watch expires (410).
public actor SharedInformer<T: KubernetesObject> {
    public typealias Event = Reflector<T>.Event
    private typealias Subscriber = (namespace: String?, continuation: AsyncThrowingStream<Event, any Error>.Continuation)

    private let reflector: Reflector<T>
    private let transform: @Sendable (T) -> T
    private var objects: [String: T] = [:]
    public private(set) var hasSynced = false
    private var syncWaiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var subscribers: [Int: Subscriber] = [:]
    private var nextID = 0
    /// Why the reflector last stopped, until it lists again: a refusal no retry fixes (forbidden, unauthorized).
    public private(set) var failure: (any Error)?

    /// `transform` is applied to every object before it is stored or handed on, as client-go's `SetTransform`: a
    /// store that holds thousands of objects for days keeps only what its readers use.
    public init(_ reflector: Reflector<T>, transform: @escaping @Sendable (T) -> T = { $0 }) {
        self.reflector = reflector
        self.transform = transform
    }

    /// Feeds the store until cancelled or the reflector fails; a failure is kept, and whoever waits for the first
    /// list is told. Run it again to retry.
    public func run() async {
        do {
            for try await event in reflector.events() { apply(transformed(event)) }
        } catch is CancellationError {
        } catch {
            failure = error
            for waiter in syncWaiters.values { waiter.resume(throwing: error) }
            syncWaiters.removeAll()
        }
    }

    /// Every object as last seen, in `namespace` (nil: all).
    public func items(in namespace: String? = nil) -> [T] {
        guard let namespace else { return Array(objects.values) }
        return objects.values.filter { $0.metadata.namespace == namespace }
    }

    /// Returns once a LIST has been stored and its watch accepted; throws the reflector's failure while it stands (what
    /// is held is no longer kept current), or on cancellation.
    public func waitUntilSynced() async throws {
        if let failure { throw failure }
        if hasSynced { return }
        let id = takeID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
                // A cancellation before this point finds no waiter to resume, so it is checked here.
                if Task.isCancelled { waiter.resume(throwing: CancellationError()) } else { syncWaiters[id] = waiter }
            }
        } onCancel: {
            Task { await self.cancelWait(id) }
        }
    }

    /// The objects in `namespace` (nil: all) as `.synced` once listed, then every change to them. The stream ends
    /// when the consumer stops iterating; the informer notices at the next change.
    public func subscribe(namespace: String? = nil) -> AsyncThrowingStream<Event, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Event, any Error>.makeStream()
        if hasSynced { continuation.yield(.synced(items(in: namespace))) }
        subscribers[takeID()] = (namespace, continuation)
        return stream
    }

    private func apply(_ event: Event) {
        switch event {
        case .added(let object), .modified(let object):
            objects[Self.key(object)] = object
            publish(event, namespace: object.metadata.namespace)
        case .deleted(let object):
            objects[Self.key(object)] = nil
            publish(event, namespace: object.metadata.namespace)
        case .synced(let all):
            objects = Dictionary(all.map { (Self.key($0), $0) }) { _, last in last }
            hasSynced = true
            failure = nil
            for waiter in syncWaiters.values { waiter.resume() }
            syncWaiters.removeAll()
            for (id, subscriber) in subscribers {
                deliver(.synced(subscriber.namespace.map { items(in: $0) } ?? all), to: id)
            }
        }
    }

    private func transformed(_ event: Event) -> Event {
        switch event {
        case .added(let object): .added(transform(object))
        case .modified(let object): .modified(transform(object))
        case .deleted(let object): .deleted(transform(object))
        case .synced(let all): .synced(all.map(transform))
        }
    }

    private func publish(_ event: Event, namespace: String?) {
        for (id, subscriber) in subscribers where subscriber.namespace == nil || subscriber.namespace == namespace {
            deliver(event, to: id)
        }
    }

    private func deliver(_ event: Event, to id: Int) {
        if case .terminated = subscribers[id]?.continuation.yield(event) { subscribers[id] = nil }
    }

    private func cancelWait(_ id: Int) {
        syncWaiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    private func takeID() -> Int {
        nextID += 1
        return nextID
    }

    private static func key(_ object: T) -> String {
        "\(object.metadata.namespace ?? "")/\(object.metadata.name ?? "")"
    }
}
