import Foundation

extension ClusterStore {
    /// How many paged lists keep their snapshot for continue tokens; older tokens get 410 Expired.
    static let retainedSnapshots = 128

    /// Reads one object.
    public func get(_ type: ResourceType, namespace: String?, name: String) throws(StatusError) -> JSONValue {
        guard let object = stored(type, namespace: namespace, name: name) else { throw StatusError.notFound(type, name: name) }
        return type.isEventsAPI ? EventConversion.fromCore(object) : object
    }

    /// Lists the objects that match, ordered by namespace then name like etcd keys. With `limit`, the first page
    /// freezes the matching set so every page of the same list describes the same resourceVersion.
    public func list(_ type: ResourceType, filter: ObjectFilter = .everything, limit: Int? = nil, continueToken: String? = nil)
        throws(StatusError) -> ListPage
    {
        if type.isEventsAPI {
            var page = try list(ResourceCatalog.coreEvents, filter: filter, limit: limit, continueToken: continueToken)
            page.items = page.items.map(EventConversion.fromCore)
            return page
        }
        if let continueToken, !continueToken.isEmpty {
            return try continuePage(token: continueToken, limit: limit)
        }
        let namespace = type.namespaced ? filter.namespace : nil
        let prefix = namespace.map { $0 + "/" }
        let collection = collections[type.storageKey] ?? [:]
        let items = collection.keys.sorted().compactMap { key -> JSONValue? in
            if let prefix, !key.hasPrefix(prefix) { return nil }
            guard let object = collection[key], filter.predicate(object) else { return nil }
            return object
        }
        guard let limit, limit > 0, items.count > limit else {
            return ListPage(items: items, resourceVersion: String(resourceVersion))
        }
        let snapshotID = nextSnapshotID
        nextSnapshotID += 1
        snapshots[snapshotID] = ListSnapshot(resourceVersion: resourceVersion, items: items)
        snapshotOrder.append(snapshotID)
        if snapshotOrder.count > Self.retainedSnapshots { snapshots[snapshotOrder.removeFirst()] = nil }
        return page(of: items, snapshot: snapshotID, resourceVersion: resourceVersion, offset: 0, limit: limit)
    }

    private func continuePage(token: String, limit: Int?) throws(StatusError) -> ListPage {
        guard let decoded = Self.decode(token) else {
            throw StatusError.badRequest("continue key is not valid: the token is not one this server issued")
        }
        guard let snapshot = snapshots[decoded.snapshot], snapshot.resourceVersion == decoded.resourceVersion else {
            throw StatusError.expired(
                "The provided continue parameter is too old to display a consistent list result. "
                    + "You can start a new list without the continue parameter.")
        }
        let pageSize = (limit ?? 0) > 0 ? (limit ?? 0) : snapshot.items.count
        return page(
            of: snapshot.items, snapshot: decoded.snapshot, resourceVersion: snapshot.resourceVersion, offset: decoded.offset,
            limit: pageSize)
    }

    private func page(of items: [JSONValue], snapshot: Int, resourceVersion: Int, offset: Int, limit: Int) -> ListPage {
        let start = min(max(offset, 0), items.count)
        let end = min(start + limit, items.count)
        let remaining = items.count - end
        if remaining == 0 {
            snapshots[snapshot] = nil
            snapshotOrder.removeAll { $0 == snapshot }
            return ListPage(items: Array(items[start..<end]), resourceVersion: String(resourceVersion))
        }
        let token = ContinueToken(resourceVersion: resourceVersion, snapshot: snapshot, offset: end)
        return ListPage(
            items: Array(items[start..<end]), resourceVersion: String(resourceVersion), continueToken: Self.encode(token),
            remainingItemCount: remaining)
    }

    static func encode(_ token: ContinueToken) -> String {
        let data = (try? JSONEncoder().encode(token)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> ContinueToken? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return try? JSONDecoder().decode(ContinueToken.self, from: data)
    }
}
