import KubeAPI
import KubeSandbox
import Synchronization

/// `LeaseLock` on the sandbox's own `ClusterStore`, in process: no HTTP, no TLS, and the answers the sandbox's API
/// server gives — a resourceVersion that moves on every write, 409 Conflict for an update with a stale one, 409
/// AlreadyExists for a second create — as `KubeAPIError`s, as `KubernetesClient` throws them.
///
/// Electors that compete share one store, each through a lock of its own, so a fault can be aimed at one of them.
/// A test plays another writer with `write` and reads what is stored with `stored`, neither of which meets a fault.
public actor InMemoryLeaseLock: LeaseLock {
    public enum Verb: Sendable, Hashable {
        case get, create, update
    }

    /// What an injected fault does to a request.
    public enum Fault: Sendable, Hashable {
        /// The server answers with this HTTP status (an `InternalError` Status for 500).
        case status(Int)
        /// The connection fails before an answer arrives.
        case transport
        /// The request is sent and hangs until `resumeHanging()` lets it through, or its task is cancelled.
        case hang
    }

    private struct Rule {
        let verb: Verb
        let fault: Fault
        /// How many more requests it applies to; nil for every one until `clearFaults()`.
        var remaining: Int?
    }

    private struct InjectedTransportFailure: Error, CustomStringConvertible {
        var description: String { "connection reset by peer (injected)" }
    }

    public nonisolated let store: ClusterStore
    private var rules: [Rule] = []
    private struct Hanging {
        var nextID = 0
        var requests: [Int: CheckedContinuation<Void, any Error>] = [:]
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    /// Hanging requests by id; outside the actor, so that a cancelled request leaves at once.
    private let hangingState = Mutex(Hanging())
    /// Requests received, fault or not, in order.
    public private(set) var requests: [Verb] = []

    private static let leases = ResourceCatalog.find(group: "coordination.k8s.io", version: "v1", resource: "leases")!

    /// A lock on `store`; by default a store of its own with the namespace `demo` besides the standard ones.
    public init(store: ClusterStore = ClusterStore(defaultNamespaces: ClusterStore.standardNamespaces + ["demo"])) {
        self.store = store
    }

    // MARK: - LeaseLock

    public func lease(namespace: String, name: String) async throws -> Lease? {
        try await receive(.get, namespace: namespace, name: name)
        return try await stored(namespace: namespace, name: name)
    }

    public func create(_ lease: Lease) async throws -> Lease {
        try await receive(.create, namespace: lease.metadata.namespace, name: lease.metadata.name)
        return try await Self.answer(.create, lease) { [store] body throws(StatusError) in
            try await store.create(Self.leases, namespace: lease.metadata.namespace, body)
        }
    }

    public func update(_ lease: Lease) async throws -> Lease {
        try await receive(.update, namespace: lease.metadata.namespace, name: lease.metadata.name)
        return try await Self.answer(.update, lease) { [store] body throws(StatusError) in
            try await store.update(Self.leases, namespace: lease.metadata.namespace, name: lease.metadata.name ?? "", body)
        }
    }

    // MARK: - Faults

    /// Answers the next `times` requests of `verb` with `fault`, or every one until `clearFaults()` when `times` is nil.
    public func inject(_ fault: Fault, on verb: Verb, times: Int? = 1) {
        rules.append(Rule(verb: verb, fault: fault, remaining: times))
    }

    public func clearFaults() { rules.removeAll() }

    /// Lets the hanging requests through, to be answered as if they had not hung.
    public func resumeHanging() {
        let waiting = hangingState.withLock { state in
            defer { state.requests.removeAll() }
            return state.requests.values
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once at least `count` requests hang.
    public nonisolated func hanging(count: Int = 1) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = hangingState.withLock { state in
                if state.requests.count >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    // MARK: - Another writer

    /// The Lease as stored, without a request or a fault; by default the one the election tests compete for.
    public func stored(namespace: String = "demo", name: String = "chaos") async throws -> Lease? {
        do {
            return try await store.get(Self.leases, namespace: namespace, name: name).decode(as: Lease.self)
        } catch let error as StatusError where error.code == 404 {
            return nil
        }
    }

    /// Another writer changes the stored Lease, creating it when missing: its resourceVersion moves on, so an elector's
    /// next update of the version it holds meets a conflict.
    @discardableResult
    public func write(namespace: String = "demo", name: String = "chaos", _ change: @Sendable (inout Lease) -> Void) async throws -> Lease {
        guard var lease = try await stored(namespace: namespace, name: name) else {
            var lease = Lease(metadata: ObjectMeta(name: name, namespace: namespace))
            change(&lease)
            return try await store.create(Self.leases, namespace: namespace, JSONValue(encoding: lease)).decode(as: Lease.self)
        }
        change(&lease)
        return try await store.update(Self.leases, namespace: namespace, name: name, JSONValue(encoding: lease)).decode(as: Lease.self)
    }

    // MARK: - Requests

    /// Records the request and applies the first fault aimed at it.
    private func receive(_ verb: Verb, namespace: String?, name: String?) async throws {
        // A cancelled task's request fails at once, as one over HTTP does.
        try Task.checkCancellation()
        requests.append(verb)
        guard let index = rules.firstIndex(where: { $0.verb == verb }) else { return }
        let fault = rules[index].fault
        if let remaining = rules[index].remaining {
            if remaining <= 1 { rules.remove(at: index) } else { rules[index].remaining = remaining - 1 }
        }
        let context = Self.context(verb, namespace: namespace, name: name)
        switch fault {
        case .status(let code):
            let (reason, message) = code == 500 ? ("InternalError", "Internal error occurred: injected fault") : ("", "injected fault")
            throw Self.error(StatusError(code: code, reason: reason, message: message), context)
        case .transport:
            throw KubeAPIError.transport(InjectedTransportFailure(), context: context)
        case .hang:
            try await hang()
        }
    }

    private func hang() async throws {
        let id = hangingState.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let watchers = hangingState.withLock { state -> [CheckedContinuation<Void, Never>]? in
                    if Task.isCancelled { return nil }
                    state.requests[id] = continuation
                    let ready = state.watchers.filter { $0.count <= state.requests.count }.map(\.continuation)
                    state.watchers.removeAll { $0.count <= state.requests.count }
                    return ready
                }
                guard let watchers else { return continuation.resume(throwing: CancellationError()) }
                for watcher in watchers { watcher.resume() }
            }
        } onCancel: {
            hangingState.withLock { $0.requests.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    /// Sends `lease` to the store as JSON and decodes its answer, as the API server would.
    private static func answer(
        _ verb: Verb, _ lease: Lease, _ send: (JSONValue) async throws(StatusError) -> JSONValue
    ) async throws -> Lease {
        let stored: JSONValue
        do {
            stored = try await send(try JSONValue(encoding: lease))
        } catch let error as StatusError {
            throw Self.error(error, context(verb, namespace: lease.metadata.namespace, name: lease.metadata.name))
        }
        return try stored.decode(as: Lease.self)
    }

    private static func context(_ verb: Verb, namespace: String?, name: String?) -> RequestContext {
        RequestContext(verb: "\(verb)", resource: Lease.resource.resource, namespace: namespace, name: name)
    }

    /// The `KubeAPIError` `KubernetesClient` throws for this answer of the API server.
    private static func error(_ error: StatusError, _ context: RequestContext) -> KubeAPIError {
        let status = try? error.statusBody.decode(as: Status.self)
        return KubeAPIError.fromResponse(httpStatus: error.code, status: status, body: nil, context: context)
    }
}
