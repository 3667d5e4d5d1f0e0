import Foundation
import KubeTesting
import Testing

@testable import PodChaosDaemon

/// A `WebhookTransport` inside the test: it answers each request as scripted and records it with the time of the
/// test's clock. No server and no threads of its own; a test awaits `sent(count:)` instead of polling.
final class ScriptedTransport: WebhookTransport {
    /// What the receiver does with one request.
    enum Answer: Sendable {
        case status(Int, retryAfter: String? = nil)
        /// An error before any answer, such as a refused connection; `description` is the error's text.
        case failure(String)
        /// Holds the request until `release()`, then answers 200; a cancelled delivery ends it at once.
        case hang
    }

    /// A request and the clock's time when it was sent.
    struct Sent: Sendable {
        let request: WebhookRequest
        let at: Duration

        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        }

        func killID() throws -> String { try #require(try json()["killId"] as? String) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The answer to the request numbered `index` (from 0, over all targets).
    typealias Script = @Sendable (WebhookRequest, _ index: Int) -> Answer

    private let clock: SteppingClock
    private let script: Script
    private let released = StopSignal()
    private let log = ArrivalLog<Sent>()

    init(clock: SteppingClock, script: @escaping Script = { _, _ in .status(200) }) {
        self.clock = clock
        self.script = script
    }

    var sent: [Sent] { log.all }

    /// Returns every request sent so far, once there are at least `count`.
    func sent(count: Int) async -> [Sent] { await log.awaitCount(count) }

    /// Ends every `.hang`, present or future, with a 200.
    func release() { released.trigger() }

    func post(_ request: WebhookRequest) async throws -> WebhookResponse {
        let index = log.append(Sent(request: request, at: clock.now.offset))
        switch script(request, index) {
        case .status(let status, let retryAfter):
            return WebhookResponse(status: status, headers: retryAfter.map { [("Retry-After", $0)] } ?? [])
        case .failure(let description):
            throw Failure(description: description)
        case .hang:
            await released.wait()
            try Task.checkCancellation()
            return WebhookResponse(status: 200)
        }
    }
}
