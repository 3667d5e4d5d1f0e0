import KubeAPI

/// An elector of a `VirtualElection` and its own lock, so a fault can be aimed at its requests alone.
public struct ElectionCandidate: Sendable {
    public let elector: LeaderElector
    public let lock: InMemoryLeaseLock

    public func run() -> RunningElector { RunningElector(self) }
}
