/// GET on a collection: a LIST (plain or as a Table, paged with limit/continue) or, with `watch`, a WATCH.
struct ListHandler: Sendable {
    let store: ClusterStore
    let request: APIRequest
    let bookmarkInterval: Duration

    func handle(_ path: ResourcePath) async throws(StatusError) -> APIResponse {
        let type = path.type
        let filter = try SelectorFilter.make(
            type, namespace: path.namespace, labelSelector: request.parameter("labelSelector"),
            fieldSelector: request.parameter("fieldSelector"))
        if request.flag("watch") { return try await watch(type, filter: filter) }
        let page = try await store.list(
            type, filter: filter, limit: try request.integer("limit"), continueToken: request.parameter("continue"))
        var metadata: [String: JSONValue] = ["resourceVersion": .string(page.resourceVersion)]
        if let token = page.continueToken { metadata["continue"] = .string(token) }
        if let remaining = page.remainingItemCount { metadata["remainingItemCount"] = .number(Double(remaining)) }
        if request.wantsTable {
            return .json(
                TableConverter.table(
                    type, items: page.items, listMetadata: .object(metadata), includeObject: request.parameter("includeObject")))
        }
        // Items in a list carry no kind/apiVersion, as the real server sends them.
        let items = page.items.map { item -> JSONValue in
            var stripped = item
            stripped["kind"] = nil
            stripped["apiVersion"] = nil
            return stripped
        }
        return .json(
            .object([
                "kind": .string(type.listKind), "apiVersion": .string(type.apiVersion), "metadata": .object(metadata),
                "items": .array(items),
            ]))
    }

    private func watch(_ type: ResourceType, filter: ObjectFilter) async throws(StatusError) -> APIResponse {
        let version = request.parameter("resourceVersion") ?? ""
        let start: WatchStart
        if request.flag("sendInitialEvents") {
            start = .initialEventsWithBookmark
        } else if version.isEmpty || version == "0" {
            start = .currentState
        } else if let number = Int(version) {
            start = .after(number)
        } else {
            throw StatusError.badRequest("invalid resource version: \(version)")
        }
        let timeout = try request.integer("timeoutSeconds").map { Duration.seconds(max($0, 0)) }
        let bookmarks = request.flag("allowWatchBookmarks")
        let table = request.wantsTable
        let includeObject = request.parameter("includeObject")
        let render: @Sendable (SandboxWatchEvent) -> JSONValue = { event in
            guard table, event.type != .bookmark, event.type != .error else { return event.wireValue }
            var wire = event
            wire.object = TableConverter.table(type, items: [event.object], listMetadata: .object([:]), includeObject: includeObject)
            return wire.wireValue
        }
        do throws(StatusError) {
            let subscription = try await store.watch(type, filter: filter, from: start)
            return .watch(WatchPlan(subscription: subscription, timeout: timeout, bookmarks: bookmarks, render: render))
        } catch  where error.code == 410 {
            return .watch(WatchPlan(immediateError: error, timeout: timeout, bookmarks: false, render: render))
        }
    }
}
