import Synchronization

/// A clock that moves only when told: a sleep suspends until `advance` passes its deadline, or until its task is
/// cancelled. A test awaits `sleeping(count:)` or `sleeping(where:)` before advancing, so nothing depends on the wall
/// clock.
public final class SteppingClock: Clock {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID = 0
        var sleepers: [Int: Sleeper] = [:]
        var watchers: [Watcher] = []

        /// The deadlines of the suspended sleeps, earliest first.
        var deadlines: [Instant] { sleepers.values.map(\.deadline).sorted() }
    }

    private struct Watcher {
        let id: Int
        let isSatisfied: @Sendable ([Instant]) -> Bool
        let continuation: CheckedContinuation<[Instant], Never>
    }

    private enum Start {
        case due, cancelled
        case suspended(watchers: [(CheckedContinuation<[Instant], Never>, [Instant])])
    }

    private let state = Mutex(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }
    /// How many sleeps are suspended now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let start = state.withLock { state -> Start in
                    if deadline <= state.now { return .due }
                    if Task.isCancelled { return .cancelled }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return .suspended(watchers: Self.satisfiedWatchers(&state))
                }
                switch start {
                case .due: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .suspended(let watchers): for (watcher, deadlines) in watchers { watcher.resume(returning: deadlines) }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time on and wakes the sleeps whose deadline it passed.
    public func advance(by duration: Duration) {
        let due = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers.removeValue(forKey: id) }
            return due.values.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// Returns once at least `count` sleeps are suspended.
    public func sleeping(count: Int = 1) async {
        await sleeping { $0.count >= count }
    }

    /// Returns once the deadlines of the suspended sleeps, earliest first, satisfy `condition` (checked now and as
    /// each sleep begins); returns them. A test that knows when the code under test sleeps next waits for that
    /// deadline, so it does not mistake another sleep (a request's timeout) for it.
    ///
    /// Cancellation (a test's time limit) ends the wait with the deadlines as they are, so a sleep that never comes
    /// fails the test instead of hanging it.
    @discardableResult
    public func sleeping(where condition: @escaping @Sendable (_ deadlines: [Instant]) -> Bool) async -> [Instant] {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Instant], Never>) in
                let ready = state.withLock { state -> [Instant]? in
                    let deadlines = state.deadlines
                    if condition(deadlines) || Task.isCancelled { return deadlines }
                    state.watchers.append(Watcher(id: id, isSatisfied: condition, continuation: continuation))
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> (Watcher, [Instant])? in
                guard let index = state.watchers.firstIndex(where: { $0.id == id }) else { return nil }
                return (state.watchers.remove(at: index), state.deadlines)
            }
            if let (watcher, deadlines) = cancelled { watcher.continuation.resume(returning: deadlines) }
        }
    }

    private static func satisfiedWatchers(_ state: inout State) -> [(CheckedContinuation<[Instant], Never>, [Instant])] {
        let deadlines = state.deadlines
        var ready: [(CheckedContinuation<[Instant], Never>, [Instant])] = []
        state.watchers.removeAll { watcher in
            guard watcher.isSatisfied(deadlines) else { return false }
            ready.append((watcher.continuation, deadlines))
            return true
        }
        return ready
    }
}
