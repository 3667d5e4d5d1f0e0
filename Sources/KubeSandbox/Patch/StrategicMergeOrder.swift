/// The order of a merged list, as the API server's `normalizeElementOrder` decides it.
///
/// Elements the patch names (or `$setElementOrder` names) come in the patch's order. The other, server-only,
/// elements keep their order from the original list and are interleaved: a server-only element is placed before
/// the next named element only when it came before that element in the original list, so a new element can come
/// before server-only ones. One approximation: server-only elements missing from the original list (which the API
/// server orders arbitrarily) stay at the end in their merged order.
enum StrategicMergeOrder {
    /// `identity` is the merge key's value for objects and the element itself for scalars.
    static func normalize(
        _ merged: [JSONValue], order: [JSONValue], original: [JSONValue], identity: (JSONValue) -> JSONValue?
    ) -> [JSONValue] {
        let orderRank = firstIndices(of: order, identity)
        let originalRank = firstIndices(of: original, identity)
        func rank(_ item: JSONValue, in ranks: [JSONValue: Int]) -> Int? { identity(item).flatMap { ranks[$0] } }

        var named: [JSONValue] = []
        var serverOnly: [JSONValue] = []
        for item in merged {
            if rank(item, in: orderRank) != nil { named.append(item) } else { serverOnly.append(item) }
        }
        named = stableSorted(named) { rank($0, in: orderRank) }
        serverOnly = stableSorted(serverOnly) { rank($0, in: originalRank) }

        var result: [JSONValue] = []
        var left = serverOnly[...]
        var right = named[...]
        while let next = right.first {
            if let serverItem = left.first, let serverRank = rank(serverItem, in: originalRank),
                let namedRank = rank(next, in: originalRank), serverRank < namedRank
            {
                result.append(serverItem)
                left = left.dropFirst()
            } else {
                result.append(next)
                right = right.dropFirst()
            }
        }
        return result + left
    }

    private static func firstIndices(of items: [JSONValue], _ identity: (JSONValue) -> JSONValue?) -> [JSONValue: Int] {
        var ranks: [JSONValue: Int] = [:]
        for (index, item) in items.enumerated() {
            if let id = identity(item), ranks[id] == nil { ranks[id] = index }
        }
        return ranks
    }

    /// Sorts by rank, unranked last, keeping the current order among equals.
    private static func stableSorted(_ items: [JSONValue], by rank: (JSONValue) -> Int?) -> [JSONValue] {
        items.enumerated()
            .map { (rank: rank($1) ?? Int.max, offset: $0, item: $1) }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }
            .map(\.item)
    }
}
