import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

/// A watch is opened by the same retry policy as every other request: 401 re-authentication, retryable statuses and
/// `Retry-After`, waiting on the client's clock.
@Suite("Opening a watch retries as any request does", .dedicatedThreads, .timeLimit(.minutes(1)))
struct WatchRetryTests {
    static let added = #"{"type":"ADDED","object":"# + configMapJSON + "}\n"

    @Test("A 401 to a watch refreshes provider credentials once and opens it with the new token")
    func reauthenticates() async throws {
        let server = try await ScriptedServer { request, _ in
            request.header("Authorization") == "Bearer token-2"
                ? .chunked(chunks: [Self.added])
                : .respond(status: 401, body: #"{"kind":"Status","reason":"Unauthorized","code":401}"#)
        }
        let provider = RotatingTokenProvider()
        var config = ClusterConfig.testing(server.url)
        config.credentials = .provider(provider)
        let event = try await withClient(config) { client in
            var events = client.watch(TestObject.self).makeAsyncIterator()
            return try await events.next()
        }
        try await server.stop()
        #expect(event?.object?.metadata.name == "cm")
        #expect(server.requests.map { $0.header("Authorization") } == ["Bearer token-1", "Bearer token-2"])
        #expect(provider.invalidations == 1)
    }

    @Test("A 429 to a watch is retried after its Retry-After, on the client's clock")
    func retryAfterHonoured() async throws {
        let server = try await ScriptedServer { _, index in
            index == 0
                ? .respond(status: 429, headers: [("Retry-After", "7")], body: #"{"kind":"Status","code":429,"reason":"TooManyRequests"}"#)
                : .chunked(chunks: [Self.added])
        }
        let clock = SteppingClock()
        let event = try await withClient(.testing(server.url), options: .testing(clock: clock)) { client in
            try await withThrowingTaskGroup { group in
                group.addTask {
                    var events = client.watch(TestObject.self).makeAsyncIterator()
                    return try await events.next()
                }
                // The policy's own backoff is 10–50 ms here: a sleep of exactly 7 s is the server's Retry-After.
                await clock.sleeping { $0.map(\.offset) == [.seconds(7)] }
                #expect(server.requests.count == 1)
                clock.advance(by: .seconds(7))
                return try await group.next() ?? nil
            }
        }
        try await server.stop()
        #expect(event?.object?.metadata.name == "cm")
        #expect(server.requests.count == 2)
    }

    @Test("A 410 to a watch is reported as expired, not retried")
    func expiredNotRetried() async throws {
        let server = try await ScriptedServer { _, _ in
            .respond(status: 410, body: #"{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version"}"#)
        }
        let error = await expectAPIError {
            try await withClient(.testing(server.url)) { client in
                var events = client.watch(TestObject.self).makeAsyncIterator()
                _ = try await events.next()
            }
        }
        try await server.stop()
        #expect(error?.isWatchExpired == true)
        #expect(server.requests.count == 1)
    }
}
