import Synchronization

/// The only instance there is (`--leader-elect=false`): always leads, and keeps the kill history in memory, so budgets
/// hold for the life of the process but restart with it.
public final class SoleLeader: Leadership {
    private let state: Mutex<String?>
    public let identity: String

    public init(identity: String, initialState: String? = nil) {
        self.identity = identity
        self.state = Mutex(initialState)
    }

    public func isLeading() async -> Bool { true }
    public func isKnown() async -> Bool { true }
    public func untilKnown() async {}
    public func holder() async -> String? { identity }
    public func persistedState() async -> String? { state.withLock { $0 } }
    public func persist(_ state: String) async throws { self.state.withLock { $0 = state } }

    /// Nothing to acquire or release: waits until cancelled.
    public func run() async throws {
        await StopSignal().wait()  // never triggered: the wait ends when the task is cancelled
    }
}
