import Synchronization

/// Opens once; every waiter, present or future, then proceeds. Waiting ends early when the waiting task is cancelled.
final class WebhookLatch: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [AsyncStream<Never>.Continuation] = []
    }

    private let state = Mutex(State())

    var isOpen: Bool { state.withLock { $0.isOpen } }

    func open() {
        let waiters = state.withLock { state in
            guard !state.isOpen else { return [AsyncStream<Never>.Continuation]() }
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.finish() }
    }

    func wait() async {
        let (stream, continuation) = AsyncStream<Never>.makeStream()
        let alreadyOpen = state.withLock { state in
            if !state.isOpen { state.waiters.append(continuation) }
            return state.isOpen
        }
        guard !alreadyOpen else { return }
        for await _ in stream {}
    }
}
