import Foundation
import KubeTesting
import NIOConcurrencyHelpers
import NIOHTTP1
import Testing

@testable import KubeAPI

/// `KubernetesClient.proxy`: one request through the API server's service proxy, over HTTP to a scripted server.
@Suite("Service proxy requests over HTTP", .dedicatedThreads)
struct ServiceProxyTests {
    static func proxy(
        _ server: ScriptedServer, options: ClientOptions = .testing(), port: String? = "80", path: String = "/",
        method: HTTPMethod = .GET, timeout: Duration = .seconds(30)
    ) async throws -> ProxyAnswer {
        try await withClient(.testing(server.url), options: options) {
            try await $0.proxy(service: "web", namespace: "demo", port: port, path: path, method: method, timeout: timeout)
        }
    }

    @Test(
        "The path names the Service, its port and each path segment percent-encoded",
        arguments: [
            ("80", "/", "/api/v1/namespaces/demo/services/web:80/proxy/"),
            (nil, "", "/api/v1/namespaces/demo/services/web/proxy/"),
            ("http", "healthz", "/api/v1/namespaces/demo/services/web:http/proxy/healthz"),
            ("80", "/a b/c?d#e/", "/api/v1/namespaces/demo/services/web:80/proxy/a%20b/c%3Fd%23e/"),
            ("80", "/x/é;v=1", "/api/v1/namespaces/demo/services/web:80/proxy/x/%C3%A9;v=1"),
        ] as [(String?, String, String)])
    func path(port: String?, path: String, expected: String) async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, headers: [("Content-Type", "text/plain")], body: "hello")
        } run: { server in
            let answer = try await Self.proxy(server, port: port, path: path, method: .POST)
            #expect(answer == ProxyAnswer(status: 200, body: "hello"))
            let request = try #require(server.requests.first)
            #expect(request.uri == expected)
            #expect(request.method == "POST")
            #expect(request.header("Authorization") == "Bearer test-token")
        }
    }

    @Test("An HTTP error is an answer, sent once: a Status gives its message and reason, any other body is kept")
    func statusesAreAnswers() async throws {
        let unavailable =
            #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"no endpoints available for service \"web\"","reason":"ServiceUnavailable","code":503}"#
        try await ScriptedServer.with { _, index in
            index == 0
                ? .respond(status: 503, body: unavailable) : .respond(status: 500, headers: [("Content-Type", "text/plain")], body: "boom")
        } run: { server in
            let first = try await Self.proxy(server)
            #expect(first.status == 503)
            #expect(first.message == #"no endpoints available for service "web""#)
            #expect(first.reason == "ServiceUnavailable")
            #expect(first.body == unavailable)
            #expect(server.requests.count == 1, "not retried, though reads are")
            let second = try await Self.proxy(server)
            #expect(second == ProxyAnswer(status: 500, body: "boom"))
            #expect(server.requests.count == 2)
        }
    }

    @Test("At most 64 KiB of the body are read, decoded lossily")
    func boundedBody() async throws {
        let big = [UInt8(0xFF)] + Array(repeating: UInt8(ascii: "x"), count: 200 * 1024)
        try await ScriptedServer.with { _, _ in
            .bytes(status: 200, headers: [("Content-Type", "text/plain")], body: big)
        } run: { server in
            let answer = try await Self.proxy(server)
            #expect(answer.isBodyTruncated)
            #expect(answer.body.unicodeScalars.first == "\u{FFFD}")
            #expect(answer.body.unicodeScalars.count == ProxyAnswer.maxBodyBytes)
        }
    }

    @Test("No answer within the timeout is a timeout error naming that timeout, tried once, without the token")
    func timeout() async throws {
        try await ScriptedServer.with { _, _ in
            .stall
        } run: { server in
            let error = await expectAPIError { try await Self.proxy(server, timeout: .milliseconds(300)) }
            #expect(error?.isTimeout == true)
            #expect(error?.description.contains("within the request timeout of 300ms") == true, "\(String(describing: error))")
            #expect(error?.description.contains(#"cannot get services/proxy "web:80" in namespace "demo""#) == true)
            #expect(error?.description.contains("test-token") == false)
            #expect(server.requests.count <= 1)
        }
    }

    @Test("A body that stops coming is bounded by the same timeout, not by the client's", .timeLimit(.minutes(1)))
    func stalledBody() async throws {
        let gate = AsyncStream<Void>.makeStream()
        try await ScriptedServer.with { _, _ in
            .cut(chunks: ["partial"], until: { for await _ in gate.stream {} })
        } run: { server in
            let error = await expectAPIError {
                try await Self.proxy(server, options: .testing(requestTimeout: .seconds(3600)), timeout: .milliseconds(300))
            }
            gate.continuation.finish()
            #expect(error?.isTimeout == true, "\(String(describing: error))")
            #expect(error?.description.contains("within the request timeout of 300ms") == true, "\(String(describing: error))")
        }
    }

    @Test("A refused connection is a transport error, not retried")
    func refused() async throws {
        let refusing = try RefusingPort()
        let error = await expectAPIError {
            try await withClient(.testing(URL(string: refusing.url())!), options: .testing(maxAttempts: 5)) {
                try await $0.proxy(service: "web", namespace: "demo", port: "80", path: "/", timeout: .seconds(30))
            }
        }
        withExtendedLifetime(refusing) {}
        #expect(error?.isTransport == true)
        #expect(error?.description.contains("connection refused") == true, "\(String(describing: error))")
        #expect(error?.description.contains("tried") == false, "one attempt")
    }

    @Test("The client's rate limit neither delays a proxy request nor is spent by it", .timeLimit(.minutes(1)))
    func rateLimitUntouched() async throws {
        let clock = SteppingClock()
        var options = ClientOptions.testing(clock: clock)
        options.qps = 1
        options.burst = 1
        try await ScriptedServer.with { request, _ in
            request.path.contains("/proxy/") ? .respond(status: 200, body: "ok") : .respond(status: 200, body: configMapJSON)
        } run: { server in
            try await withClient(.testing(server.url), options: options) { client in
                for _ in 0..<3 {
                    _ = try await client.proxy(service: "web", namespace: "demo", port: "80", path: "/", timeout: .seconds(30))
                }
                // The one token is still there: a GET takes it without waiting on the clock, which never moves.
                _ = try await client.get(TestObject.self, name: "cm")
            }
            #expect(clock.sleeperCount == 0)
            #expect(server.requests.count == 4)
        }
    }

    @Test(
        "A name, port or path that cannot be sent is refused before anything is sent",
        arguments: [("web", "80", "../../pods"), ("web", "80", "/a/./b"), ("web", "", "/"), ("web:80", nil, "/"), ("", "80", "/")]
            as [(String, String?, String)])
    func refusedInput(service: String, port: String?, path: String) async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, body: "ok")
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) {
                    try await $0.proxy(service: service, namespace: "demo", port: port, path: path, timeout: .seconds(30))
                }
            }
            #expect(error?.description.hasPrefix("invalid request: cannot ") == true, "\(String(describing: error))")
            #expect(server.requests.isEmpty)
        }
    }
}
