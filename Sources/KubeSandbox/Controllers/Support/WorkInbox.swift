import Synchronization

/// What the controller manager's single loop works through: watch events and fired timers, in arrival order.
enum ControllerWork: Sendable {
    case event(SandboxWatchEvent)
    case timer(controller: Int, key: ObjectKey)
}

/// A queue the loop drains in batches, so a burst of events (a 50,000-pod manifest) reconciles each key once.
final class WorkInbox: Sendable {
    /// Where the loop is, as `idle(caughtUpTo:now:)` needs it: set each time it waits for work.
    struct LoopPosition: Sendable {
        /// The highest resourceVersion of a watch event the loop has handled (bookmarks included).
        var handledVersion = 0
        /// When the loop's earliest timer is due, in `ControllerClock.elapsedTime`; nil when it holds none.
        var earliestTimer: Duration?
    }

    private struct IdleWaiter {
        var version: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var items: [ControllerWork] = []
        var waiter: CheckedContinuation<[ControllerWork], Never>?
        var closed = false
        var position = LoopPosition()
        var idleWaiters: [IdleWaiter] = []

        /// The loop waits with nothing queued, has handled every event up to `version` and has no timer due by `now`.
        func isIdle(caughtUpTo version: Int, now: Duration) -> Bool {
            guard waiter != nil, items.isEmpty, position.handledVersion >= version else { return false }
            return position.earliestTimer.map { $0 > now } ?? true
        }

        /// Removes and answers the `idle` callers the loop has caught up with.
        mutating func takeIdleWaiters(now: Duration) -> [IdleWaiter] {
            let state = self
            let ready = idleWaiters.filter { state.isIdle(caughtUpTo: $0.version, now: now) }
            idleWaiters.removeAll { state.isIdle(caughtUpTo: $0.version, now: now) }
            return ready
        }
    }

    private let state = Mutex(State())

    func push(_ work: ControllerWork) {
        let waiter = state.withLock { state -> CheckedContinuation<[ControllerWork], Never>? in
            guard !state.closed else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.items.append(work)
            return nil
        }
        waiter?.resume(returning: [work])
    }

    /// Everything queued, waiting for at least one item; nil once closed or cancelled. `position` is where the loop
    /// is; if it waits, the `idle` callers it has caught up with return.
    func next(at position: LoopPosition = LoopPosition(), now: Duration = .zero) async -> [ControllerWork]? {
        let batch = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[ControllerWork], Never>) in
                let (ready, idle) = state.withLock { state -> ([ControllerWork]?, [IdleWaiter]) in
                    state.position = position
                    if !state.items.isEmpty || state.closed {
                        defer { state.items = [] }
                        return (state.items, [])
                    }
                    state.waiter = continuation
                    return (nil, state.takeIdleWaiters(now: now))
                }
                if let ready { continuation.resume(returning: ready) }
                for waiter in idle { waiter.continuation.resume() }
            }
        } onCancel: {
            close()
        }
        return batch.isEmpty ? nil : batch
    }

    /// Returns once the loop waits for work with nothing queued, has handled every watch event up to resourceVersion
    /// `version` and has no timer due by `now`; at once if it does already, and once the inbox closes. Answers
    /// whether the loop still runs.
    func idle(caughtUpTo version: Int, now: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.closed || state.isIdle(caughtUpTo: version, now: now) { return true }
                state.idleWaiters.append(IdleWaiter(version: version, continuation: continuation))
                return false
            }
            if done { continuation.resume() }
        }
        return !state.withLock { $0.closed }
    }

    func close() {
        let (waiter, idle) = state.withLock { state -> (CheckedContinuation<[ControllerWork], Never>?, [IdleWaiter]) in
            state.closed = true
            defer {
                state.waiter = nil
                state.idleWaiters = []
            }
            return (state.waiter, state.idleWaiters)
        }
        waiter?.resume(returning: [])
        for waiter in idle { waiter.continuation.resume() }
    }
}
