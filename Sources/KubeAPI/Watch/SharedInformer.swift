/// One reflector's objects, kept current and shared, as client-go's shared informer and its store: readers take a
/// snapshot without a request, and subscribers get the state as of now (`.synced`) and every change after it, so one
/// LIST and one watch per kind serve every consumer in the process. It relists only when the watch expires (410).
public actor SharedInformer<T: KubernetesObject> {
    public typealias Event = Reflector<T>.Event
    private typealias Subscriber = (namespace: String?, continuation: AsyncThrowingStream<Event, any Error>.Continuation)

    private let reflector: Reflector<T>
    /// By `namespace/name`. Each object sits in a box of its own: the dictionary keeps spare room for a quarter to
    /// half of its entries, which is a pointer each rather than a whole object (a trimmed pod is about 400 bytes).
    private var objects: [String: Stored] = [:]
    public private(set) var hasSynced = false
    private var syncWaiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var subscribers: [Int: Subscriber] = [:]
    private let ended = EndedSubscriptions()
    private var nextID = 0
    /// Why the reflector last stopped, until it lists again: a refusal no retry fixes (forbidden, unauthorized).
    public private(set) var failure: (any Error)?

    /// What the store keeps of each object is the reflector's `transform`.
    public init(_ reflector: Reflector<T>) {
        self.reflector = reflector
    }

    private final class Stored: Sendable {
        let object: T
        init(_ object: T) { self.object = object }
    }

    /// Feeds the store until cancelled or the reflector fails; a failure is kept, and whoever waits for the first
    /// list is told. Run it again to retry.
    public func run() async {
        await run(reflector.untrackedEvents())
    }

    /// Feeds the store from `events`, as an untracked reflector sends them.
    func run(_ events: some AsyncSequence<Event, any Error>) async {
        do {
            for try await event in events { apply(event) }
        } catch is CancellationError {
        } catch {
            failure = error
            for waiter in syncWaiters.values { waiter.resume(throwing: error) }
            syncWaiters.removeAll()
        }
    }

    /// Every object as last seen, in `namespace` (nil: all).
    public func items(in namespace: String? = nil) -> [T] {
        guard let namespace else { return objects.values.map(\.object) }
        return objects.values.compactMap { $0.object.metadata.namespace == namespace ? $0.object : nil }
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
    /// when the consumer stops iterating; the informer forgets it at its next turn (a subscription, a change, a count).
    public func subscribe(namespace: String? = nil) -> AsyncThrowingStream<Event, any Error> {
        forgetEnded()
        let (stream, continuation) = AsyncThrowingStream<Event, any Error>.makeStream()
        if hasSynced { continuation.yield(.synced(items(in: namespace))) }
        let id = takeID()
        subscribers[id] = (namespace, continuation)
        continuation.onTermination = { [ended] _ in ended.add(id) }
        return stream
    }

    /// How many subscriptions are held: those whose consumers still iterate them.
    public var subscriberCount: Int {
        forgetEnded()
        return subscribers.count
    }

    private func forgetEnded() {
        for id in ended.take() { subscribers[id] = nil }
    }

    private func apply(_ event: Event) {
        switch event {
        case .added(let object), .modified(let object):
            objects[Reflector<T>.key(object)] = Stored(object)
            publish(event, namespace: object.metadata.namespace)
        case .deleted(let object):
            objects[Reflector<T>.key(object)] = nil
            publish(event, namespace: object.metadata.namespace)
        case .synced(let all):
            replace(with: all)
            hasSynced = true
            failure = nil
            for waiter in syncWaiters.values { waiter.resume() }
            syncWaiters.removeAll()
            for (id, subscriber) in subscribers {
                deliver(.synced(subscriber.namespace.map { items(in: $0) } ?? all), to: id)
            }
        }
    }

    /// Takes a (re)list's objects as the store and tells subscribers what changed since the last: client-go's
    /// `Replace`. An object listed at the resourceVersion already held is no change.
    private func replace(with all: [T]) {
        var listed = Set<String>(minimumCapacity: all.count)
        for object in all {
            let key = Reflector<T>.key(object)
            listed.insert(key)
            let previous = objects.updateValue(Stored(object), forKey: key)
            if previous == nil {
                publish(.added(object), namespace: object.metadata.namespace)
            } else if previous?.object.metadata.resourceVersion != object.metadata.resourceVersion {
                publish(.modified(object), namespace: object.metadata.namespace)
            }
        }
        for (key, stored) in objects.filter({ !listed.contains($0.key) }) {
            objects[key] = nil
            publish(.deleted(stored.object), namespace: stored.object.metadata.namespace)
        }
    }

    private func publish(_ event: Event, namespace: String?) {
        forgetEnded()
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

}
