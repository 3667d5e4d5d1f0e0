import Foundation
import KubeAPI
import KubeTesting
import Testing

@testable import PodChaos

/// The probe transport against a real local HTTP server: what it sends, what it reads, and where it stops.
@Suite("NetworkProbeTransport against a local HTTP server", .dedicatedThreads)
struct NetworkProbeTransportTests {
    /// Runs `body` with a transport whose timeouts wait on `clock`; the Kubernetes client is never reached.
    static func withTransport<T: Sendable>(
        clock: any Clock<Duration> = ContinuousClock(), _ body: @Sendable (NetworkProbeTransport) async throws -> T
    ) async throws -> T {
        try await UnreachableCluster.with { client in
            try await NetworkProbeTransport.with(kubernetes: client, serviceRoute: .apiProxy, clock: clock, body)
        }
    }

    @Test("An HTTP probe reads the status and the body; the expectation judges them")
    func statusAndBody() async throws {
        let script: WebhookReceiver.Script = { hook, _ in hook.path == "/ready" ? .body(200, "all ready") : .body(503, "down") }
        try await WebhookReceiver.with(script: script) { receiver in
            let ready = try ProbeSpecParser.parse("\(receiver.url("/ready")) body=ready")
            let down = try ProbeSpecParser.parse(receiver.url("/down"))
            let (first, second) = try await Self.withTransport { transport in
                (await transport.send(ready), await transport.send(down))
            }
            #expect(first == .http(status: 200, body: "all ready"))
            #expect(ready.expectation.failure(of: first) == nil)
            #expect(second == .http(status: 503, body: "down"))
            #expect(down.expectation.failure(of: second) == "HTTP 503")
            #expect(receiver.requests.map(\.method) == ["GET", "GET"])
            #expect(receiver.requests.first?.header("User-Agent") == "podchaosmonkey-probe")
        }
    }

    @Test("A redirect is an answer, not followed: the probe sends only where it was told")
    func redirectNotFollowed() async throws {
        let script: WebhookReceiver.Script = { _, _ in .body(302, "", location: "http://169.254.169.254/") }
        try await WebhookReceiver.with(script: script) { receiver in
            let probe = try ProbeSpecParser.parse(receiver.url("/moved"))
            let answer = try await Self.withTransport { await $0.send(probe) }
            #expect(answer == .http(status: 302, body: ""))
            #expect(receiver.requests.count == 1)
        }
    }

    @Test("Credentials in the URL go in an Authorization header, not in the request line")
    func credentials() async throws {
        let script: WebhookReceiver.Script = { _, _ in .body(200, "ok") }
        try await WebhookReceiver.with(script: script) { receiver in
            let probe = try ProbeSpecParser.parse("http://probe:s3cret@127.0.0.1:\(receiver.port)/healthz?token=abc")
            _ = try await Self.withTransport { await $0.send(probe) }
            let hook = try #require(receiver.requests.first)
            #expect(hook.header("Authorization") == "Basic " + Data("probe:s3cret".utf8).base64EncodedString())
            #expect(hook.path == "/healthz")
            #expect(hook.query == "token=abc")
        }
    }

    @Test("A body is read up to 64 KiB")
    func boundedBody() async throws {
        let script: WebhookReceiver.Script = { _, _ in .body(200, String(repeating: "x", count: 200_000)) }
        try await WebhookReceiver.with(script: script) { receiver in
            let probe = try ProbeSpecParser.parse(receiver.url("/big"))
            let answer = try await Self.withTransport { await $0.send(probe) }
            guard case .http(200, let body) = answer else {
                Issue.record("answer \(answer)")
                return
            }
            #expect(body.utf8.count == NetworkProbeTransport.maximumBodyBytes)
        }
    }

    @Test("No answer within the probe's timeout, on the transport's clock: a failure naming the timeout")
    func timeout() async throws {
        let clock = SteppingClock()
        let script: WebhookReceiver.Script = { _, _ in .hang }
        try await WebhookReceiver.with(script: script) { receiver in
            let probe = try ProbeSpecParser.parse("\(receiver.url("/slow")) timeout=2s")
            let answer = try await Self.withTransport(clock: clock) { transport in
                try await withThrowingTaskGroup(of: ProbeResponse?.self) { group in
                    group.addTask { await transport.send(probe) }
                    group.addTask {
                        _ = await receiver.waitForRequests(1)
                        await clock.sleeping(count: 1)
                        clock.advance(by: .seconds(2))
                        return nil
                    }
                    var answer: ProbeResponse?
                    for try await result in group { if let result { answer = result } }
                    return answer
                }
            }
            #expect(answer == .failed("timed out after 2s"))
        }
    }

    @Test("A refused connection is a one-line failure that does not repeat the URL's query")
    func refused() async throws {
        let refusing = try RefusingPort()
        let probe = try ProbeSpecParser.parse("http://127.0.0.1:\(refusing.port)/healthz?token=QUERYSECRET")
        let answer = try await Self.withTransport { await $0.send(probe) }
        guard case .failed(let problem) = answer else {
            Issue.record("answer \(answer)")
            return
        }
        #expect(!problem.contains("\n"))
        #expect(!problem.contains("QUERYSECRET"))
    }

    @Test("A Prometheus probe sends the instant query and reads its value")
    func prometheus() async throws {
        let result = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1800000000,"0.02"]}]}}"#
        let script: WebhookReceiver.Script = { _, _ in .body(200, result) }
        try await WebhookReceiver.with(script: script) { receiver in
            let probe = try ProbeSpecParser.parse("prometheus:http://127.0.0.1:\(receiver.port) query='sum(rate(errors[1m]))' max=0.05")
            let answer = try await Self.withTransport { await $0.send(probe) }
            #expect(answer == .value(0.02))
            #expect(probe.expectation.failure(of: answer) == nil)
            let hook = try #require(receiver.requests.first)
            #expect(hook.path == "/api/v1/query")
            #expect(hook.query == "query=sum(rate(errors%5B1m%5D))")
        }
    }
}
