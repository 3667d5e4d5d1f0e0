import Foundation
import KubeTesting
import Testing

@testable import PodChaosDaemon

/// What only a real HTTP exchange shows: the answer read off the wire, a held request cut off by the clock, and a
/// refused connection failing at once instead of being retried inside the HTTP client.
@Suite(.dedicatedThreads) struct HTTPWebhookTransportTests {
    static func request(_ url: String) throws -> WebhookRequest {
        WebhookRequest(url: try #require(URL(string: url)), headers: ["Content-Type": "application/json"], body: Data("{}".utf8))
    }

    /// A transport over a client of its own, configured as the notifier's.
    static func withTransport(
        timeout: Duration = .seconds(10), clock: any Clock<Duration>, _ body: (HTTPWebhookTransport) async throws -> Void
    ) async throws {
        try await HTTPWebhookTransport.with(client: nil, options: WebhookOptions(requestTimeout: timeout), clock: clock, body)
    }

    @Test func theStatusAndRetryAfterComeBack() async throws {
        let tooMany: WebhookReceiver.Script = { _, _ in .status(429, retryAfter: "7") }
        try await WebhookReceiver.with(script: tooMany) { receiver in
            try await Self.withTransport(clock: SteppingClock()) { transport in
                let response = try await transport.post(try Self.request(receiver.url()))
                #expect(response.status == 429 && response.retryAfter == "7")
            }
            #expect(receiver.requests.map(\.body) == ["{}"])
        }
    }

    @Test func aRequestTheReceiverHoldsTimesOutOnTheClock() async throws {
        let hang: WebhookReceiver.Script = { _, _ in .hang }
        try await WebhookReceiver.with(script: hang) { receiver in
            let clock = SteppingClock()
            try await Self.withTransport(timeout: .seconds(10), clock: clock) { transport in
                let request = try Self.request(receiver.url())
                let result = await withTaskGroup(of: Result<WebhookResponse, any Error>.self) { group in
                    group.addTask {
                        do { return .success(try await transport.post(request)) } catch { return .failure(error) }
                    }
                    _ = await receiver.waitForRequests(1)
                    await clock.sleeping()
                    clock.advance(by: .seconds(10))
                    return await group.next()!
                }
                let error = #expect(throws: HTTPWebhookTransport.Timeout.self) { try result.get() }
                #expect(error?.description == "no answer within 10s")
                #expect(clock.now.offset == .seconds(10))
            }
        }
    }

    @Test func aRefusedConnectionFailsAtOnce() async throws {
        let refusing = try RefusingPort()
        // Were the connection retried inside the client, the request would last until this timeout.
        try await Self.withTransport(timeout: .seconds(60), clock: ContinuousClock()) { transport in
            let error = await #expect(throws: (any Error).self) {
                try await transport.post(try Self.request(refusing.url(scheme: "http", "/hook")))
            }
            #expect(!(error is HTTPWebhookTransport.Timeout), "\(String(describing: error))")
        }
        withExtendedLifetime(refusing) {}
    }
}
