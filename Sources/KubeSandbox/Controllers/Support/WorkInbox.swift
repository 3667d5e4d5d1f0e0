import Synchronization

/// What the controller manager's single loop works through: watch events and fired timers, in arrival order.
enum ControllerWork: Sendable {
    case event(SandboxWatchEvent)
    case timer(controller: Int, key: ObjectKey)
}

/// A queue the loop drains in batches, so a burst of events (a 50,000-pod manifest) reconciles each key once.
final class WorkInbox: Sendable {
    private struct State {
        var items: [ControllerWork] = []
        var waiter: CheckedContinuation<[ControllerWork], Never>?
        var closed = false
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

    /// Everything queued, waiting for at least one item; nil once closed or cancelled.
    func next() async -> [ControllerWork]? {
        let batch = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[ControllerWork], Never>) in
                let ready = state.withLock { state -> [ControllerWork]? in
                    if !state.items.isEmpty || state.closed {
                        defer { state.items = [] }
                        return state.items
                    }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            close()
        }
        return batch.isEmpty ? nil : batch
    }

    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<[ControllerWork], Never>? in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: [])
    }
}
