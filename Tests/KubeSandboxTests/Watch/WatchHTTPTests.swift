import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct WatchHTTPTests {
    let pods = ResourceCatalog.pods

    private func take(_ count: Int, from events: AsyncThrowingStream<JSONValue, any Error>) async throws -> [JSONValue] {
        var taken: [JSONValue] = []
        for try await event in events {
            taken.append(event)
            if taken.count == count { break }
        }
        return taken
    }

    @Test func resumesAfterTheGivenResourceVersion() async throws {
        try await TestClient.withSandbox { sandbox, client in
            let store = sandbox.store
            let first = try await store.create(pods, namespace: "default", Objects.pod("a"))
            _ = try await store.create(pods, namespace: "default", Objects.pod("b"))
            _ = try await store.modify(pods, namespace: "default", name: "a") { pod in
                var next = pod
                next[path: ["metadata", "labels", "x"]] = .string("y")
                return next
            }
            let version = try #require(first.resourceVersion)
            let watch = try await client.watch("/api/v1/namespaces/default/pods?watch=1&resourceVersion=\(version)")
            #expect(watch.status == 200)
            #expect(watch.headers["content-type"].first == "application/json")
            #expect(watch.headers["transfer-encoding"].first == "chunked")
            let events = try await take(2, from: watch.events)
            #expect(events.map { "\($0["type"]?.stringValue ?? "") \($0["object"]?.name ?? "")" } == ["ADDED b", "MODIFIED a"])
        }
    }

    @Test func unsetResourceVersionStartsWithTheCurrentObjects() async throws {
        try await TestClient.withSandbox { sandbox, client in
            _ = try await sandbox.store.create(pods, namespace: "default", Objects.pod("a"))
            let watch = try await client.watch("/api/v1/namespaces/default/pods?watch=true")
            let live = Task { try await sandbox.store.create(pods, namespace: "default", Objects.pod("b")) }
            let events = try await take(2, from: watch.events)
            _ = try await live.value
            #expect(events.map { "\($0["type"]?.stringValue ?? "") \($0["object"]?.name ?? "")" } == ["ADDED a", "ADDED b"])
        }
    }

    @Test func bookmarksCarryOnlyTheResourceVersion() async throws {
        try await TestClient.withSandbox(SandboxOptions(bookmarkInterval: .milliseconds(50), controllers: false)) { sandbox, client in
            let version = await sandbox.store.currentResourceVersion
            let watch = try await client.watch("/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=\(version)")
            let bookmark = try #require(try await take(1, from: watch.events).first)
            #expect(bookmark["type"]?.stringValue == "BOOKMARK")
            let object = try #require(bookmark["object"]?.objectValue)
            #expect(Set(object.keys) == ["kind", "apiVersion", "metadata"])
            #expect(bookmark[path: ["object", "metadata"]] == .object(["resourceVersion": .string(version)]))
        }
    }

    @Test func trimmedHistoryAnswersExpiredAsAnErrorEvent() async throws {
        try await TestClient.withSandbox(SandboxOptions(watchHistorySize: 5, controllers: false)) { sandbox, client in
            let first = try await sandbox.store.create(pods, namespace: "default", Objects.pod("p0"))
            for index in 1...20 { _ = try await sandbox.store.create(pods, namespace: "default", Objects.pod("p\(index)")) }
            let version = try #require(first.resourceVersion)
            let watch = try await client.watch("/api/v1/namespaces/default/pods?watch=1&resourceVersion=\(version)")
            #expect(watch.status == 200)
            var events: [JSONValue] = []
            for try await event in watch.events { events.append(event) }
            let expected = try Fixtures.events("watch-410-gone.ndjson")
            #expect(events.count == 1)
            let error = try #require(events.first)
            #expect(JSONShape(error) == JSONShape(expected[0]))
            #expect(error[path: ["object", "code"]]?.intValue == 410)
            #expect(error[path: ["object", "reason"]]?.stringValue == "Expired")
        }
    }

    @Test func timeoutSecondsEndsTheStreamCleanly() async throws {
        try await TestClient.withSandbox { _, client in
            let watch = try await client.watch("/api/v1/pods?watch=1&timeoutSeconds=1")
            var count = 0
            for try await _ in watch.events { count += 1 }
            #expect(count == 0)
        }
    }

    @Test func sendInitialEventsEndsWithAnnotatedBookmark() async throws {
        try await TestClient.withSandbox { sandbox, client in
            for name in ["a", "b", "c"] { _ = try await sandbox.store.create(pods, namespace: "default", Objects.pod(name)) }
            let watch = try await client.watch(
                "/api/v1/namespaces/default/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
            let events = try await take(4, from: watch.events)
            let fixture = try Fixtures.events("watch-sendinitialevents.ndjson")
            #expect(events.compactMap { $0["type"]?.stringValue } == fixture.compactMap { $0["type"]?.stringValue })
            let bookmark = try #require(events.last)
            #expect(bookmark[path: ["object", "metadata", "annotations"]] == fixture.last?[path: ["object", "metadata", "annotations"]])
            #expect(bookmark[path: ["object", "metadata", "resourceVersion"]]?.stringValue == (await sandbox.store.currentResourceVersion))
        }
    }

    @Test func manyWatchersEachSeeEveryEventInOrder() async throws {
        try await TestClient.withSandbox { sandbox, client in
            let watcherCount = 20
            let eventCount = 1_000
            let start = await sandbox.store.currentResourceVersion
            var streams: [AsyncThrowingStream<JSONValue, any Error>] = []
            for _ in 0..<watcherCount {
                streams.append(try await client.watch("/api/v1/namespaces/default/pods?watch=1&resourceVersion=\(start)").events)
            }
            let producer = Task {
                for index in 0..<eventCount {
                    _ = try await sandbox.store.create(pods, namespace: "default", Objects.pod("p\(index)"))
                }
            }
            let received = try await withThrowingTaskGroup(of: [String].self) { group in
                for stream in streams {
                    group.addTask { try await take(eventCount, from: stream).compactMap { $0["object"]?.name } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await producer.value
            let expected = (0..<eventCount).map { "p\($0)" }
            #expect(received.count == watcherCount)
            for names in received { #expect(names == expected) }
        }
    }
}

@Suite(.dedicatedThreads) struct WatchSelectorTests {
    @Test func objectThatStopsMatchingIsSentAsDeleted() async throws {
        try await TestClient.withSandbox { sandbox, client in
            let pods = ResourceCatalog.pods
            let store = sandbox.store
            let watch = try await client.watch(
                "/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3Dweb&resourceVersion=\(await store.currentResourceVersion)")
            func relabel(_ value: String) async throws {
                _ = try await store.modify(pods, namespace: "default", name: "p") { pod in
                    var next = pod
                    next[path: ["metadata", "labels", "app"]] = .string(value)
                    return next
                }
            }
            _ = try await store.create(pods, namespace: "default", Objects.pod("other", labels: ["app": "db"]))
            _ = try await store.create(pods, namespace: "default", Objects.pod("p", labels: ["app": "web"]))
            try await relabel("db")
            try await relabel("web")
            try await relabel("web2")
            var seen: [String] = []
            for try await event in watch.events {
                seen.append(
                    "\(event["type"]?.stringValue ?? "") \(event[path: ["object", "metadata", "labels", "app"]]?.stringValue ?? "")")
                if seen.count == 4 { break }
            }
            #expect(seen == ["ADDED web", "DELETED db", "ADDED web", "DELETED web2"])
        }
    }
}

@Suite(.dedicatedThreads) struct WatchConnectionTests {
    @Test func clientThatDisconnectsEndsItsIdleWatch() async throws {
        try await withSandbox(SandboxOptions(controllers: false)) { sandbox in
            let client = try TestClient(sandbox)
            do {
                _ = try await client.watch("/api/v1/pods?watch=1")
                #expect(try await eventuallyHolds { await sandbox.store.activeWatchCount > 0 })
                #expect(await sandbox.store.activeWatchCount == 1)
                // Closing the client closes its connection; no event is ever sent on this watch.
                try await client.client.shutdown()
                #expect(try await eventuallyHolds { await sandbox.store.activeWatchCount == 0 })
            } catch {
                Issue.record(error)
            }
        }
    }

    @Test func connectionServesRequestsAfterAWatchTimesOut() async throws {
        try await TestClient.withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox, client in
            let watch = try await client.watch("/api/v1/pods?watch=1&timeoutSeconds=0")
            for try await _ in watch.events {}
            #expect(try await client.send(.GET, "/api/v1/namespaces/default").status == 200)
        }
    }
}
