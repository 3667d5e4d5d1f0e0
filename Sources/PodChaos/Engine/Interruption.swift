import Synchronization

/// A request from outside a run to stop early (SIGINT or SIGTERM in the CLI). Once it is raised the engine starts
/// no further kill and stops waiting for recoveries, then reports what happened with the verdict `interrupted`.
/// Raising it does not cancel anything: the run ends in its own time, through its own code.
public final class Interruption: Sendable {
    /// What interrupted the run: a signal's name (`SIGINT`) and number.
    public struct Cause: Sendable, Hashable {
        public var name: String
        public var signal: Int32

        public init(name: String, signal: Int32) {
            self.name = name
            self.signal = signal
        }
    }

    private struct State {
        var cause: Cause?
        /// Those waiting for the raise: each wait ends when its stream is finished.
        var waiters: [AsyncStream<Never>.Continuation] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Raises it and wakes whoever waits; returns false (and keeps the first cause) when it was already raised.
    @discardableResult
    public func raise(_ cause: Cause) -> Bool {
        let waiters = state.withLock { state -> [AsyncStream<Never>.Continuation]? in
            guard state.cause == nil else { return nil }
            state.cause = cause
            defer { state.waiters = [] }
            return state.waiters
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.finish() }
        return true
    }

    /// The first cause, once raised.
    public var cause: Cause? { state.withLock { $0.cause } }

    public var isRaised: Bool { cause != nil }

    /// Returns once it is raised, or when the calling task is cancelled.
    public func wait() async {
        let (stream, continuation) = AsyncStream<Never>.makeStream()
        let raised = state.withLock { state in
            if state.cause == nil { state.waiters.append(continuation) }
            return state.cause != nil
        }
        if raised { return }
        for await _ in stream {}
    }
}
