import Synchronization

/// What arrived so far, in order: a test awaits a count of arrivals instead of polling for them.
public final class ArrivalLog<Element: Sendable>: Sendable {
    private struct State {
        var elements: [Element] = []
        var nextID = 0
        var waiters: [Int: (count: Int, continuation: CheckedContinuation<[Element], Never>)] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var all: [Element] { state.withLock { $0.elements } }

    /// Appends `element`; returns its index.
    @discardableResult
    public func append(_ element: Element) -> Int {
        let (index, elements, ready) = state.withLock { state in
            state.elements.append(element)
            let count = state.elements.count
            let ready = state.waiters.filter { $0.value.count <= count }
            for id in ready.keys { state.waiters.removeValue(forKey: id) }
            return (count - 1, state.elements, ready.values.map(\.continuation))
        }
        for waiter in ready { waiter.resume(returning: elements) }
        return index
    }

    /// Returns everything that arrived so far, once at least `count` elements have, or at once when the task is
    /// cancelled (a test's time limit), with fewer.
    public func awaitCount(_ count: Int) async -> [Element] {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let elements = state.withLock { state -> [Element]? in
                    guard state.elements.count < count, !Task.isCancelled else { return state.elements }
                    state.waiters[id] = (count, continuation)
                    return nil
                }
                if let elements { continuation.resume(returning: elements) }
            }
        } onCancel: {
            let (waiter, elements) = state.withLock { state in (state.waiters.removeValue(forKey: id), state.elements) }
            waiter?.continuation.resume(returning: elements)
        }
    }
}
