/// The pages of a LIST, fetched lazily with `limit`/`continue`. Iterate `items` for the objects one by one.
public struct ListPages<T: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = ObjectList<T>

    let client: KubernetesClient
    let namespace: String?
    let allNamespaces: Bool
    let options: ListOptions
    let pageSize: Int

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: self, next: options.continue, finished: false)
    }

    /// The objects of every page, in order.
    public var items: AsyncFlatMapSequence<ListPages<T>, AsyncSyncSequence<[T]>> {
        flatMap { $0.items.async }
    }

    public struct Iterator: AsyncIteratorProtocol {
        let pages: ListPages
        var next: String?
        var finished: Bool

        public mutating func next() async throws -> ObjectList<T>? {
            guard !finished else { return nil }
            var options = pages.options
            options.limit = pages.pageSize
            options.continue = next
            let page = try await pages.client.list(
                T.self, namespace: pages.namespace, allNamespaces: pages.allNamespaces, options: options)
            next = page.metadata.continue
            finished = (next ?? "").isEmpty
            return page
        }
    }
}

/// An array as an `AsyncSequence`, so pages can be flattened into items without pulling in another package.
public struct AsyncSyncSequence<Base: Sequence & Sendable>: AsyncSequence, Sendable where Base.Element: Sendable {
    public typealias Element = Base.Element
    let base: Base

    public func makeAsyncIterator() -> Iterator { Iterator(iterator: base.makeIterator()) }

    public struct Iterator: AsyncIteratorProtocol {
        var iterator: Base.Iterator
        public mutating func next() async -> Base.Element? { iterator.next() }
    }
}

extension Array where Element: Sendable {
    var async: AsyncSyncSequence<[Element]> { AsyncSyncSequence(base: self) }
}
