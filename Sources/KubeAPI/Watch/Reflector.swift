import Logging

/// List-then-watch, as client-go's reflector and informer do: a consistent stream of changes to every object
/// that matches, which survives disconnects (resumes from the last resourceVersion, bookmarks included) and
/// expired versions (relists, and reports what changed meanwhile as ADDED/MODIFIED/DELETED).
public struct Reflector<T: KubernetesObject>: Sendable {
    public enum Event: Sendable {
        case added(T)
        case modified(T)
        case deleted(T)
        /// Every object as of a (re)list; sent after the diff events of a relist, so a consumer may rebuild.
        case synced([T])
    }

    /// client-go's reflector backoff: 800 ms doubling to 30 s, fully jittered.
    public static var defaultBackoff: RetryPolicy {
        RetryPolicy(maxAttempts: .max, initialDelay: .milliseconds(800), maxDelay: .seconds(30), multiplier: 2, jitter: 1)
    }

    let client: KubernetesClient
    let namespace: String?
    let allNamespaces: Bool
    let labelSelector: String?
    let fieldSelector: String?
    let pageSize: Int
    let backoff: RetryPolicy
    let transform: @Sendable (T) -> T

    /// `transform` is applied to every object as it is decoded, before anything holds it, as client-go's
    /// `SetTransform`: a consumer that keeps thousands of objects for days keeps only what it reads.
    public init(
        client: KubernetesClient, namespace: String? = nil, allNamespaces: Bool = false, labelSelector: String? = nil,
        fieldSelector: String? = nil, pageSize: Int = 500, backoff: RetryPolicy = Reflector.defaultBackoff,
        transform: @escaping @Sendable (T) -> T = { $0 }
    ) {
        self.client = client
        self.namespace = namespace
        self.allNamespaces = allNamespaces
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.pageSize = pageSize
        self.backoff = backoff
        self.transform = transform
    }

    /// Runs until the consumer stops iterating or a request fails for a reason no retry can fix
    /// (unauthorized, forbidden, not found), which ends the stream with that error.
    public func events() -> AsyncThrowingStream<Event, any Error> {
        stream(tracking: true)
    }

    /// As `events()`, for a consumer that keeps every object itself (`SharedInformer`): the reflector then keeps none,
    /// a relist sends only `.synced`, and a watch event is `.added` or `.modified` as the server says. The consumer
    /// tells the difference from what it holds, as client-go's store does in `Replace`.
    func untrackedEvents() -> AsyncThrowingStream<Event, any Error> {
        stream(tracking: false)
    }

    private func stream(tracking: Bool) -> AsyncThrowingStream<Event, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Event, any Error>.makeStream()
        let task = Task {
            do {
                try await run(tracking: tracking) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// `tracking`: keep the last state of every object, to report a relist as the changes since the one before.
    private func run(tracking: Bool, _ emit: (Event) -> Void) async throws {
        var known: [String: T]? = tracking ? [:] : nil
        var resourceVersion: String?
        var failures = 0
        // A list's `.synced` is held back until the watch after it has been accepted, so a consumer that waits for it
        // knows the watch runs: a refused watch (forbidden) ends the stream before anyone relies on it.
        var pendingSync: [T]?
        while !Task.isCancelled {
            do {
                if resourceVersion == nil {
                    (resourceVersion, pendingSync) = try await relist(known: &known, emit: emit)
                }
                var watch = client.watch(
                    T.self, namespace: namespace, allNamespaces: allNamespaces,
                    options: WatchOptions(labelSelector: labelSelector, fieldSelector: fieldSelector, resourceVersion: resourceVersion)
                ).makeAsyncIterator()
                try await watch.open()
                if let listed = pendingSync {
                    pendingSync = nil
                    emit(.synced(listed))
                }
                while let event = try await watch.next() {
                    failures = 0
                    guard let object = event.object.map(transform) else { continue }
                    if let version = object.metadata.resourceVersion { resourceVersion = version }
                    let key = Self.key(object)
                    switch event.type {
                    case .added, .modified:
                        let isNew = known != nil ? known?.updateValue(object, forKey: key) == nil : event.type == .added
                        emit(isNew ? .added(object) : .modified(object))
                    case .deleted:
                        known?[key] = nil
                        emit(.deleted(object))
                    default:
                        continue
                    }
                }
            } catch let error as KubeAPIError where error.isWatchExpired {
                client.logger.debug("watch expired; relisting", metadata: ["resource": "\(T.resource)"])
                resourceVersion = nil
            } catch let error as KubeAPIError where error.isTransport || Self.isRetryable(error) {
                failures += 1
                client.logger.debug("watch failed; retrying", metadata: ["error": "\(error)"])
                try await client.clock.sleep(for: backoff.delay(beforeRetry: failures, random: Double.random(in: 0..<1)))
            }
        }
        throw CancellationError()
    }

    private static func isRetryable(_ error: KubeAPIError) -> Bool {
        guard let status = error.httpStatus else { return false }
        return status == 429 || status >= 500
    }

    /// Lists every page and, when `known` is kept, reports the difference to it as events; returns the list's
    /// resourceVersion and the full state, for `.synced`.
    private func relist(known: inout [String: T]?, emit: (Event) -> Void) async throws -> (String?, [T]) {
        var order: [T] = []
        var objects = client.listAll(
            T.self, namespace: namespace, allNamespaces: allNamespaces,
            options: ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector), pageSize: pageSize
        ).items.makeAsyncIterator()
        while let object = try await objects.next() { order.append(transform(object)) }
        guard let before = known else { return (objects.resourceVersion, order) }
        var fresh: [String: T] = [:]
        for object in order { fresh[Self.key(object)] = object }
        for object in order {
            let key = Self.key(object)
            if let previous = before[key] {
                if previous.metadata.resourceVersion != object.metadata.resourceVersion { emit(.modified(object)) }
            } else {
                emit(.added(object))
            }
        }
        for (key, object) in before where fresh[key] == nil { emit(.deleted(object)) }
        known = fresh
        return (objects.resourceVersion, order)
    }

    static func key(_ object: T) -> String {
        "\(object.metadata.namespace ?? "")/\(object.metadata.name ?? "")"
    }
}
