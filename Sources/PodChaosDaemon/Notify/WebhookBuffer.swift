/// A bounded FIFO that makes room by dropping its oldest element: when a receiver falls behind, the newest news
/// matters most, and memory stays bounded however long it stays down.
struct WebhookBuffer<Element: Sendable>: Sendable {
    let capacity: Int
    private var elements: [Element] = []
    private var head = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { elements.count - head }
    var isEmpty: Bool { count == 0 }

    /// Appends `element`; returns the element dropped to make room, if any.
    mutating func push(_ element: Element) -> Element? {
        var dropped: Element?
        if count == capacity {
            dropped = popFirst()
        }
        elements.append(element)
        return dropped
    }

    mutating func popFirst() -> Element? {
        guard head < elements.count else { return nil }
        let first = elements[head]
        head += 1
        // Compact now and then so that popping stays O(1) amortised without unbounded growth.
        if head >= 64 && head * 2 >= elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return first
    }
}
