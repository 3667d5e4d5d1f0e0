import KubeAPI

extension ClusterStore {
    /// Starts a watch on one resource (or every resource, for `nil`) and returns its events. Events that were
    /// buffered for it but not consumed count against `watchBufferSize`; a watcher that falls further behind is
    /// closed (its stream finishes) so it cannot hold the server back — it re-watches from its last resourceVersion.
    /// - Parameter unbounded: never close this watch for falling behind; for in-process subscribers (the controllers)
    ///   that must see every change and catch up on their own.
    public func watch(_ type: ResourceType?, filter: ObjectFilter = .everything, from start: WatchStart, unbounded: Bool = false)
        throws(StatusError) -> WatchSubscription
    {
        var initial: [SandboxWatchEvent] = []
        switch start {
        case .after(let version):
            if version < compactedThrough {
                throw StatusError.expired("too old resource version: \(version) (\(resourceVersion))")
            }
            for change in history where change.resourceVersion > version {
                if let event = Self.event(for: change, type: type, filter: filter) { initial.append(event) }
            }
        case .currentState, .initialEventsWithBookmark:
            for candidate in type.map({ [$0] }) ?? ResourceCatalog.all.filter({ !$0.isEventsAPI }) {
                let collection = collections[candidate.storageKey] ?? [:]
                for key in collection.keys.sorted() {
                    guard let object = collection[key], filter.matches(object) else { continue }
                    let shown = candidate.isEventsAPI ? EventConversion.fromCore(object) : object
                    initial.append(SandboxWatchEvent(type: .added, object: shown, resource: candidate))
                }
            }
            if start == .initialEventsWithBookmark {
                var bookmark = bookmarkEvent(for: type)
                bookmark.object[path: ["metadata", "annotations"]] = .object(["k8s.io/initial-events-end": .string("true")])
                initial.append(bookmark)
            }
        case .now:
            break
        }
        let (stream, continuation) = AsyncStream.makeStream(
            of: SandboxWatchEvent.self, bufferingPolicy: unbounded ? .unbounded : .bufferingOldest(watchBufferSize + initial.count))
        for event in initial { continuation.yield(event) }
        let id = nextWatcherID
        nextWatcherID += 1
        watchers[id] = Watcher(type: type, filter: filter, continuation: continuation)
        continuation.onTermination = { [weak self] _ in
            Task(executorPreference: DedicatedExecutor.sandbox) { await self?.stopWatch(id) }
        }
        return WatchSubscription(id: id, events: stream)
    }

    /// Ends a watch; its stream finishes after the events already buffered.
    public func stopWatch(_ id: Int) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    /// Queues a BOOKMARK at the current resourceVersion behind every event already sent to this watcher.
    public func sendBookmark(to id: Int) {
        guard let watcher = watchers[id] else { return }
        deliver(bookmarkEvent(for: watcher.type), to: id, watcher)
    }

    public var activeWatchCount: Int { watchers.count }

    /// `activeWatchCount` now, then again whenever a watch starts or ends (a slow reader gets the latest only), so a
    /// test can await a watch's start or end instead of polling.
    public func activeWatchCounts() -> AsyncStream<Int> {
        let (counts, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        continuation.yield(watchers.count)
        watchCountReaders.append(continuation)
        return counts
    }

    func publishActiveWatchCount() {
        guard !watchCountReaders.isEmpty else { return }
        let count = watchers.count
        watchCountReaders.removeAll { reader in
            if case .terminated = reader.yield(count) { return true }
            return false
        }
    }

    func deliver(_ change: StoredChange) {
        for (id, watcher) in watchers {
            guard let event = Self.event(for: change, type: watcher.type, filter: watcher.filter) else { continue }
            deliver(event, to: id, watcher)
        }
    }

    private func deliver(_ event: SandboxWatchEvent, to id: Int, _ watcher: Watcher) {
        switch watcher.continuation.yield(event) {
        case .enqueued: break
        case .dropped, .terminated:
            // Too far behind (or gone): close it rather than buffer without bound or block everyone else.
            stopWatch(id)
        @unknown default: stopWatch(id)
        }
    }

    private func bookmarkEvent(for type: ResourceType?) -> SandboxWatchEvent {
        var object: [String: JSONValue] = ["metadata": .object(["resourceVersion": .string(String(resourceVersion))])]
        if let type {
            object["kind"] = .string(type.kind)
            object["apiVersion"] = .string(type.apiVersion)
        }
        return SandboxWatchEvent(type: .bookmark, object: .object(object))
    }

    /// What a filtered watcher sees of a change: an object that starts matching is ADDED, one that stops is DELETED.
    static func event(for change: StoredChange, type: ResourceType?, filter: ObjectFilter) -> SandboxWatchEvent? {
        if let type, type.storageKey != change.type.storageKey { return nil }
        let matchesNow = filter.matches(change.object)
        let matchedBefore = change.previous.map(filter.matches) ?? false
        let eventType: WatchEventType
        switch change.eventType {
        case .added:
            guard matchesNow else { return nil }
            eventType = .added
        case .deleted:
            guard matchedBefore || matchesNow else { return nil }
            eventType = .deleted
        default:
            switch (matchedBefore, matchesNow) {
            case (true, true): eventType = .modified
            case (false, true): eventType = .added
            case (true, false): eventType = .deleted
            case (false, false): return nil
            }
        }
        let resource = type ?? change.type
        let object = resource.isEventsAPI ? EventConversion.fromCore(change.object) : change.object
        return SandboxWatchEvent(type: eventType, object: object, resource: resource, deleteOptions: change.deleteOptions)
    }
}
