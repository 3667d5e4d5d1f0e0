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

    private let raised = Mutex<Cause?>(nil)

    public init() {}

    /// Raises it; returns false (and keeps the first cause) when it was already raised.
    @discardableResult
    public func raise(_ cause: Cause) -> Bool {
        raised.withLock { current in
            guard current == nil else { return false }
            current = cause
            return true
        }
    }

    /// The first cause, once raised.
    public var cause: Cause? { raised.withLock { $0 } }

    public var isRaised: Bool { cause != nil }
}
