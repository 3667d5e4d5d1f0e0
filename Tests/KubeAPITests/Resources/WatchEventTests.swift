import Foundation
import KubeAPI
import Testing

@Suite("Watch events decode line by line")
struct WatchEventTests {
    private func events(_ file: String) throws -> [WatchEvent<Pod>] {
        try Fixtures.lines(file).map { try KubeJSON.decoder().decode(WatchEvent<Pod>.self, from: $0) }
    }

    @Test(arguments: ["watch-pods.ndjson", "watch-sendinitialevents.ndjson", "watch-410-gone.ndjson"])
    func everyLineDecodes(file: String) throws {
        let lines = try Fixtures.lines(file)
        let decoded = try events(file)
        #expect(!lines.isEmpty)
        #expect(decoded.count == lines.count)
        for event in decoded {
            #expect(event.type.isKnown)
            // Exactly one of object and status, and the status only on ERROR.
            #expect((event.object == nil) == (event.type == .error))
            #expect((event.status != nil) == (event.type == .error))
        }
    }

    @Test func podLifecycleArrivesInOrder() throws {
        let stream = try events("watch-pods.ndjson")
        let first = try #require(stream.first)
        #expect(first.type == .added)
        #expect(first.object?.name == "watch-demo")
        #expect(first.object?.phase == .pending)

        let changes = stream.filter { $0.type != .bookmark }
        let versions = changes.compactMap { $0.object?.metadata.resourceVersion.flatMap { Int($0) } }
        #expect(versions.count == changes.count)
        #expect(versions == versions.sorted())
        #expect(Set(versions).count == versions.count)

        let deleted = try #require(changes.last)
        #expect(deleted.type == .deleted)
        #expect(deleted.object?.isTerminating == true)
        #expect(changes.contains { $0.type == .modified && $0.object?.isReady == true })
    }

    @Test func bookmarkCarriesOnlyAResourceVersion() throws {
        let stream = try events("watch-pods.ndjson")
        let bookmark = try #require(stream.last)
        #expect(bookmark.type == .bookmark)
        let pod = try #require(bookmark.object)
        #expect(pod.metadata.resourceVersion == "435")
        #expect(pod.metadata.name == nil)
        #expect(pod.spec?.containers == nil)
        #expect(pod.metadata.annotations?[WatchEventType.initialEventsEndAnnotation] == nil)
        #expect(bookmark.resourceVersion == "435")
        #expect(!bookmark.isInitialEventsEnd)
    }

    @Test func watchListEndsInitialEventsWithAnnotatedBookmark() throws {
        let stream = try events("watch-sendinitialevents.ndjson")
        let bookmark = try #require(stream.last)
        #expect(bookmark.type == .bookmark)
        #expect(bookmark.object?.metadata.annotations?[WatchEventType.initialEventsEndAnnotation] == "true")
        #expect(bookmark.object?.metadata.resourceVersion == "450")
        #expect(bookmark.resourceVersion == "450")
        #expect(bookmark.isInitialEventsEnd)
        #expect(stream.filter(\.isInitialEventsEnd).count == 1)
        let initial = stream.dropLast()
        #expect(!initial.isEmpty)
        #expect(initial.allSatisfy { $0.type == .added && $0.object?.namespace == "demo" })
    }

    @Test func expiredResourceVersionIsAnErrorWithStatus() throws {
        let stream = try events("watch-410-gone.ndjson")
        #expect(stream.count == 1)
        let event = try #require(stream.first)
        #expect(event.type == .error)
        #expect(event.object == nil)
        #expect(event.resourceVersion == nil)
        #expect(!event.isInitialEventsEnd)
        let status = try #require(event.status)
        #expect(status.code == 410)
        #expect(status.reason == StatusReason.expired.rawValue)
        #expect(status.message?.hasPrefix("too old resource version") == true)

        let context = RequestContext(verb: "watch", resource: "pods", namespace: "demo")
        let error = KubeAPIError.watchExpired(status: status, context: context)
        #expect(error.isWatchExpired)
        #expect(error.reason == .expired)
    }

    @Test func unknownTypeIsKeptWithItsObject() throws {
        let line = Data(#"{"type":"RESYNC","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}}"#.utf8)
        let event = try KubeJSON.decoder().decode(WatchEvent<Pod>.self, from: line)
        #expect(event.type == .other("RESYNC"))
        #expect(event.type.rawValue == "RESYNC")
        #expect(!event.type.isKnown)
        #expect(event.object?.name == "p")
    }

    @Test(arguments: ["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"])
    func knownTypesAreKnownHoweverBuilt(raw: String) {
        let parsed = WatchEventType(rawValue: raw)
        #expect(parsed.isKnown)
        #expect(parsed == .other(raw))
        #expect(Set([parsed, .other(raw)]).count == 1)
        #expect(parsed.rawValue == raw)
    }

    @Test(arguments: [
        WatchEvent(type: .modified, object: Pod(metadata: ObjectMeta(name: "web-1", namespace: "demo"))),
        WatchEvent(type: .other("RESYNC"), object: Pod(metadata: ObjectMeta(name: "web-2"))),
        WatchEvent<Pod>(error: Status(message: "too old resource version: 1 (2)", reason: "Expired", code: 410)),
    ])
    func encodingRoundTrips(event: WatchEvent<Pod>) throws {
        let data = try KubeJSON.encoder().encode(event)
        #expect(try JSONTree(data)["type"] == .string(event.type.rawValue))
        #expect(try KubeJSON.decoder().decode(WatchEvent<Pod>.self, from: data) == event)
    }

    @Test func errorLineWithoutStatusFails() {
        let line = Data(#"{"type":"ERROR","object":"gone"}"#.utf8)
        #expect(throws: DecodingError.self) { try KubeJSON.decoder().decode(WatchEvent<Pod>.self, from: line) }
    }
}
