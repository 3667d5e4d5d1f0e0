import Synchronization

/// What arrived so far, in order: a test awaits a count of arrivals instead of polling for them.
final class ArrivalLog<Element: Sendable>: Sendable {
    private struct State {
        var elements: [Element] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<[Element], Never>)] = []
    }

    private let state = Mutex(State())

    init() {}

    var all: [Element] { state.withLock { $0.elements } }

    /// Appends `element`; returns its index.
    func append(_ element: Element) -> Int {
        let (index, elements, ready) = state.withLock { state in
            state.elements.append(element)
            let count = state.elements.count
            let ready = state.waiters.filter { $0.count <= count }.map(\.continuation)
            state.waiters.removeAll { $0.count <= count }
            return (count - 1, state.elements, ready)
        }
        for waiter in ready { waiter.resume(returning: elements) }
        return index
    }

    /// Returns everything that arrived so far, once at least `count` elements have.
    func awaitCount(_ count: Int) async -> [Element] {
        await withCheckedContinuation { continuation in
            let elements = state.withLock { state -> [Element]? in
                guard state.elements.count < count else { return state.elements }
                state.waiters.append((count, continuation))
                return nil
            }
            if let elements { continuation.resume(returning: elements) }
        }
    }
}
