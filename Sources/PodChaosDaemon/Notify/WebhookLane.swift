import Synchronization

/// One target's queue and its delivery loop: targets never wait for one another, and a kill decision never waits
/// for any of them, since enqueueing only takes a lock.
final class WebhookLane: Sendable {
    enum Enqueued: Sendable, Hashable {
        case queued
        /// The oldest notification was dropped to make room; `first` on the first drop since start.
        case droppedOldest(first: Bool)
    }

    private struct State: Sendable {
        var buffer: WebhookBuffer<WebhookEvent>
        var dropped = 0
    }

    let target: WebhookTarget
    private let state: Mutex<State>
    private let signal: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(target: WebhookTarget, capacity: Int) {
        self.target = target
        state = Mutex(State(buffer: WebhookBuffer(capacity: capacity)))
        let stream = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        signal = stream.stream
        wake = stream.continuation
    }

    var dropped: Int { state.withLock { $0.dropped } }
    var pending: Int { state.withLock { $0.buffer.count } }

    func enqueue(_ event: WebhookEvent) -> Enqueued {
        let result = state.withLock { state -> Enqueued in
            guard state.buffer.push(event) != nil else { return .queued }
            state.dropped += 1
            return .droppedOldest(first: state.dropped == 1)
        }
        wake.yield()
        return result
    }

    /// No more waiting for news: what is queued is still delivered by `run`.
    func close() { wake.finish() }

    /// Delivers in order, one at a time, until closed and empty, or cancelled.
    func run(_ deliver: (WebhookEvent) async -> Void) async {
        for await _ in signal {
            await drain(deliver)
        }
        await drain(deliver)
    }

    private func drain(_ deliver: (WebhookEvent) async -> Void) async {
        while !Task.isCancelled, let event = state.withLock({ $0.buffer.popFirst() }) {
            await deliver(event)
        }
    }
}
