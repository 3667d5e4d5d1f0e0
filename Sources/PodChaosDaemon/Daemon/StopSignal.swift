import Synchronization

/// A one-shot signal: once triggered, every waiter, present or future, proceeds; a wait also ends when its task is
/// cancelled. As the daemon's stop it is set by SIGTERM/SIGINT (graceful shutdown), cancellation, `--max-runtime` or a
/// failing lease, and every wait in the daemon races it, so no sleep outlives the request to stop; it also marks the
/// end of a kill in flight, and the webhook notifier's `finish`.
final class StopSignal: Sendable {
    private struct State {
        var stopped = false
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    var isStopped: Bool { state.withLock { $0.stopped } }

    func trigger() {
        let waiters = state.withLock { state in
            state.stopped = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once stopped, or when the calling task is cancelled.
    func wait() async {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = self.state.withLock { state in
                    if state.stopped || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// Runs `operation` until it finishes or the signal fires; true when it finished.
    func race(_ operation: @escaping @Sendable () async -> Void) async -> Bool {
        if isStopped { return false }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await operation()
                return !Task.isCancelled
            }
            group.addTask {
                await self.wait()
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first && !self.isStopped
        }
    }
}
