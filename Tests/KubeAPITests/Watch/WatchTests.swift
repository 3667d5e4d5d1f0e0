import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

/// Stays on HTTP with `ScriptedServer`: its point is the wire — events split across chunks at arbitrary bytes, and a
/// reflector fed exact scripted answers. The reflector against the sandbox's real semantics runs in-process in
/// `InProcessReflectorTests`.
@Suite("Watch streams over chunked HTTP", .dedicatedThreads)
struct WatchTests {
    static func podJSON(_ name: String, rv: String, phase: String = "Running") -> String {
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","namespace":"demo","uid":"uid-\#(name)","resourceVersion":"\#(rv)"},"status":{"phase":"\#(phase)"}}"#
    }

    static func event(_ type: String, _ object: String) -> String { #"{"type":"\#(type)","object":\#(object)}"# + "\n" }

    static func bookmark(rv: String) -> String {
        event("BOOKMARK", #"{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"\#(rv)"}}"#)
    }

    static let expired = event(
        "ERROR",
        #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 10 (20)","reason":"Expired","code":410}"#
    )

    static func list(rv: String, _ items: [String]) -> String {
        #"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"\#(rv)"},"items":[\#(items.joined(separator: ","))]}"#
    }

    @Test("Events split across chunks arrive whole and in order, with the query a watch needs")
    func chunkedEvents() async throws {
        let stream =
            Self.event("ADDED", Self.podJSON("a", rv: "11")) + Self.event("MODIFIED", Self.podJSON("a", rv: "12"))
            + Self.bookmark(rv: "13") + Self.event("DELETED", Self.podJSON("a", rv: "14"))
        // Cut the stream every 7 bytes, so nearly every line spans chunks and some chunks hold no newline.
        let bytes = Array(stream.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: 7).map { String(decoding: bytes[$0..<min($0 + 7, bytes.count)], as: UTF8.self) }
        try await ScriptedServer.with { _, _ in
            .chunked(chunks: chunks)
        } run: { server in
            let events = try await withClient(.testing(server.url)) { client in
                var seen: [(WatchEventType, String?)] = []
                for try await event in client.watch(Pod.self, options: WatchOptions(resourceVersion: "10")) {
                    seen.append((event.type, event.object?.metadata.resourceVersion))
                }
                return seen
            }
            #expect(events.map(\.0) == [.added, .modified, .bookmark, .deleted])
            #expect(events.map(\.1) == ["11", "12", "13", "14"])
            let query = try #require(server.requests.first).query
            #expect(query["watch"] == "true")
            #expect(query["resourceVersion"] == "10")
            #expect(query["allowWatchBookmarks"] == "true")
            let timeout = try #require(query["timeoutSeconds"].flatMap(Int.init))
            #expect(timeout >= 300 && timeout < 600)
        }
    }

    @Test("An ERROR event with code 410 is thrown as an expired watch")
    func expiredThrows() async throws {
        try await ScriptedServer.with { _, _ in
            .chunked(chunks: [Self.expired])
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { client in
                    for try await _ in client.watch(Pod.self, options: WatchOptions(resourceVersion: "10")) {}
                }
            }
            #expect(error?.isWatchExpired == true)
            #expect(error?.status?.message == "too old resource version: 10 (20)")
        }
    }

    @Test("The reflector resumes from a bookmark, relists on 410 and reports what changed meanwhile")
    func reflectorResumesAndRelists() async throws {
        try await ScriptedServer.with { request, index in
            switch index {
            case 0: return .respond(status: 200, body: Self.list(rv: "10", [Self.podJSON("a", rv: "5"), Self.podJSON("b", rv: "6")]))
            case 1: return .chunked(chunks: [Self.event("MODIFIED", Self.podJSON("a", rv: "11")), Self.bookmark(rv: "15")])
            case 2: return .chunked(chunks: [Self.expired])
            case 3: return .respond(status: 200, body: Self.list(rv: "20", [Self.podJSON("a", rv: "11"), Self.podJSON("c", rv: "18")]))
            // The relist's `.synced` comes once its watch has been accepted.
            case 4: return .chunked(chunks: [Self.bookmark(rv: "21")], pause: .seconds(600))
            default: return .stall
            }
        } run: { server in
            let backoff = RetryPolicy(maxAttempts: .max, initialDelay: .milliseconds(10), maxDelay: .milliseconds(20))
            let log = try await withClient(.testing(server.url)) { client in
                var log: [String] = []
                var syncs = 0
                for try await event in Reflector<Pod>(client: client, backoff: backoff).events() {
                    switch event {
                    case .added(let pod): log.append("added \(pod.name)")
                    case .modified(let pod): log.append("modified \(pod.name)@\(pod.metadata.resourceVersion ?? "")")
                    case .deleted(let pod): log.append("deleted \(pod.name)")
                    case .synced(let pods):
                        log.append("synced \(pods.map(\.name).joined(separator: ","))")
                        syncs += 1
                    }
                    if syncs == 2 { break }
                }
                return log
            }
            #expect(log == ["added a", "added b", "synced a,b", "modified a@11", "added c", "deleted b", "synced a,c"])
            let requests = server.requests
            #expect(requests[1].query["resourceVersion"] == "10")
            #expect(requests[2].query["resourceVersion"] == "15", "resumes from the bookmark, not from the last object")
            #expect(requests[3].query["watch"] == nil, "a 410 leads to a LIST")
            #expect(requests[3].query["limit"] == "500")
        }
    }
}

/// Stays on HTTP: its point is the watch client's connection pool, which only a real connection per watch shows.
@Suite("Many concurrent watches", .dedicatedThreads)
struct ConcurrentWatchTests {
    // A deadlock detector, not a speed test: a capped pool would leave some watches waiting ten minutes, and the time
    // limit fails the test instead.
    @Test("A dozen long-lived watches on one client all stream at once (no connection pool cap makes one wait)", .timeLimit(.minutes(1)))
    func dozenWatches() async throws {
        let first = WatchTests.event("ADDED", WatchTests.podJSON("a", rv: "2"))
        // Each stream sends one event, then stays open for far longer than the test may take.
        try await ScriptedServer.with { _, _ in
            .chunked(chunks: [first, first], pause: .seconds(600))
        } run: { server in
            let received = try await withClient(.testing(server.url)) { client in
                await withTaskGroup(of: Bool.self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            var iterator = client.watch(Pod.self, options: WatchOptions(resourceVersion: "1")).makeAsyncIterator()
                            return (try? await iterator.next()) != nil
                        }
                    }
                    var count = 0
                    for await ok in group {
                        if ok { count += 1 } else { break }
                        if count == 12 { break }
                    }
                    group.cancelAll()
                    return count
                }
            }
            #expect(received == 12)
            #expect(server.requests.count == 12)
        }
    }
}
