import KubeAPI

/// A running `LeaderElector.run()`; `stop()` cancels it and waits until it has returned (released, when configured).
public struct RunningElector: Sendable {
    public let elector: LeaderElector
    public let lock: InMemoryLeaseLock
    private let task: Task<Void, Never>

    public init(_ candidate: ElectionCandidate) {
        elector = candidate.elector
        lock = candidate.lock
        task = Task { [elector] in await elector.run() }
    }

    public func stop() async {
        task.cancel()
        await task.value
    }
}
