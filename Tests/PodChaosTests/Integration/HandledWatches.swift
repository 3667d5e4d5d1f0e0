import KubeAPI
import KubeSandbox
import PodChaos
import Synchronization

/// The engine's recovery watches (`ChaosEngine(sharedWatches:)`), opened as the observer opens its own, that tell a
/// test how far the observer has got: each stream hands over one event at a time, and an event counts as handled once
/// the observer asks for the next. A test on virtual time moves the clock only once the observer has handled all the
/// store holds, so every phase is read at the instant it happened.
final class HandledWatches: RecoveryWatchSource {
    private let client: KubernetesClient
    /// Per watched resource: uid → resourceVersion of each object the observer has handled, deletions removed.
    private let handled = Mutex<[ResourceDescriptor: [String: String]]>([:])

    init(client: KubernetesClient) { self.client = client }

    func sharedEvents<T: KubernetesObject>(_ type: T.Type, namespace: String?) async -> AsyncThrowingStream<
        Reflector<T>.Event, any Error
    >? {
        let resource = T.resource
        handled.withLock { $0[resource] = [:] }
        let reflector = namespace.map { Reflector<T>(client: client, namespace: $0) } ?? Reflector<T>(client: client, allNamespaces: true)
        let cursor = Cursor(reflector.events())
        return AsyncThrowingStream { [self] in
            // Asked for the next event: the one before it has been handled.
            if let last = cursor.take() { handled.withLock { Self.record(last, in: &$0[resource, default: [:]]) } }
            return try await cursor.next()
        }
    }

    /// Whether the observer has handled, for every resource it watches, each object `store` holds in `namespace` at
    /// its current resourceVersion, and every deletion.
    func caughtUp(with store: ClusterStore, namespace: String) async throws -> Bool {
        let seen = handled.withLock { $0 }
        for (resource, objects) in seen {
            guard let type = ResourceCatalog.find(group: resource.group, version: resource.version, resource: resource.resource) else {
                return false
            }
            let items = try await store.list(type, filter: ObjectFilter(namespace: namespace)).items
            var stored: [String: String] = [:]
            for item in items {
                guard let uid = item[path: ["metadata", "uid"]]?.stringValue else { continue }
                stored[uid] = item[path: ["metadata", "resourceVersion"]]?.stringValue
            }
            if stored != objects { return false }
        }
        return !seen.isEmpty
    }

    private static func record<T: KubernetesObject>(_ event: Reflector<T>.Event, in objects: inout [String: String]) {
        switch event {
        case .added(let object), .modified(let object):
            if let uid = object.metadata.uid { objects[uid] = object.metadata.resourceVersion }
        case .deleted(let object):
            if let uid = object.metadata.uid { objects[uid] = nil }
        case .synced(let all):
            objects = Dictionary(all.compactMap { object in object.metadata.uid.map { ($0, object.metadata.resourceVersion ?? "") } }) {
                $1
            }
        }
    }
}

/// One upstream stream read by one consumer, one event at a time, remembering the event last handed out.
private final class Cursor<Element: Sendable>: @unchecked Sendable {
    // Only the stream's single consumer calls `next` and `take`, one call at a time: no two run at once.
    private var iterator: AsyncThrowingStream<Element, any Error>.AsyncIterator
    private var last: Element?

    init(_ stream: AsyncThrowingStream<Element, any Error>) { iterator = stream.makeAsyncIterator() }

    func take() -> Element? {
        defer { last = nil }
        return last
    }

    func next() async throws -> Element? {
        last = try await iterator.next()
        return last
    }
}
