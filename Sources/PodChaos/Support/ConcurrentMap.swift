extension Collection where Element: Sendable {
    /// `transform` over the elements with at most `limit` running at once; the results in the collection's order.
    /// The first error cancels the rest and is thrown.
    func concurrentMap<T: Sendable>(limit: Int, _ transform: @escaping @Sendable (Element) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results: [T?] = Array(repeating: nil, count: count)
            var pending = Array(enumerated())[...]
            func startNext() {
                guard let (offset, element) = pending.popFirst() else { return }
                group.addTask { (offset, try await transform(element)) }
            }
            for _ in 0..<Swift.max(1, limit) { startNext() }
            while let (offset, result) = try await group.next() {
                results[offset] = result
                startNext()
            }
            return results.map { $0! }
        }
    }
}
