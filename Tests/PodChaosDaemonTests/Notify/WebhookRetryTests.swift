import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// Retries on virtual time, against a scripted transport: which answers are retried, how often, and how long apart.
/// With the jitter at one half, the backoff before retry n is a quarter second times 2^(n-1).
@Suite(.timeLimit(.minutes(1))) struct WebhookRetryTests {
    static let target = WebhookTarget(
        url: URL(string: "https://hooks.example.com\(WebhookReceiver.secretPath)")!, format: .json, flag: "--webhook")

    private struct Delivery {
        let clock = SteppingClock()
        let logs = LogCapture()
        let transport: ScriptedTransport
        let sender: WebhookSender

        init(retry: WebhookRetryPolicy = .init(), script: @escaping ScriptedTransport.Script) {
            transport = ScriptedTransport(clock: clock, script: script)
            sender = WebhookSender(
                transport: transport, options: WebhookOptions(retry: retry), clock: clock, logger: logs.logger, random: { 0.5 })
        }

        func deliver() async -> WebhookSender.Outcome {
            await sender.deliver(KillSamples.event(), to: WebhookRetryTests.target)
        }

        /// Waits until the sender sleeps, then moves the clock on by `wait`.
        func advance(after wait: Duration) async {
            await clock.sleeping()
            clock.advance(by: wait)
        }
    }

    @Test func a5xxIsRetriedAfterTheBackoffUntilItSucceeds() async throws {
        let delivery = Delivery { _, index in index < 2 ? .status(500) : .status(204) }
        async let outcome = delivery.deliver()
        await delivery.advance(after: .milliseconds(250))
        await delivery.advance(after: .milliseconds(500))
        #expect(await outcome == .delivered(attempts: 3))
        let sent = delivery.transport.sent
        #expect(sent.map(\.at) == [.zero, .milliseconds(250), .milliseconds(750)])
        // The same notification every time, so that a receiver can drop a duplicate after a lost answer.
        #expect(Set(sent.map(\.request.body)).count == 1)
        #expect(
            sent.map { $0.request.headers["X-Podchaosmonkey-Delivery"] } == Array(repeating: "01KB2Q9Y7N4D3XW8ZJ6T5R2M1P-kill", count: 3))
    }

    @Test func a4xxIsNotRetried() async throws {
        let delivery = Delivery { _, _ in .status(400) }
        #expect(await delivery.deliver() == .rejected(attempts: 1))
        #expect(delivery.transport.sent.count == 1)
        #expect(delivery.clock.now.offset == .zero && delivery.clock.sleeperCount == 0)
        #expect(delivery.logs.text.contains("not retried"))
    }

    @Test func retriesStopAfterTheLastAttemptAndTheBackoffStopsGrowingAtItsCap() async throws {
        let retry = WebhookRetryPolicy(maxAttempts: 4, maxBackoff: .seconds(1))
        let delivery = Delivery(retry: retry) { _, _ in .status(503) }
        async let outcome = delivery.deliver()
        // Ceilings 0.5 s, 1 s, then 1 s again (the cap) instead of 2 s.
        await delivery.advance(after: .milliseconds(250))
        await delivery.advance(after: .milliseconds(500))
        await delivery.advance(after: .milliseconds(500))
        #expect(await outcome == .gaveUp(attempts: 4))
        #expect(delivery.transport.sent.map(\.at) == [.zero, .milliseconds(250), .milliseconds(750), .milliseconds(1250)])
        // No wait after the last attempt.
        #expect(delivery.clock.sleeperCount == 0)
        #expect(delivery.logs.text.contains("dropped after 4 attempts"))
    }

    @Test func retryAfterIsWaitedInsteadOfTheBackoff() async throws {
        let delivery = Delivery { _, index in
            switch index {
            case 0: .status(503)
            case 1: .status(429, retryAfter: "4")
            default: .status(200)
            }
        }
        async let outcome = delivery.deliver()
        await delivery.advance(after: .milliseconds(250))
        await delivery.advance(after: .seconds(4) - .nanoseconds(1))
        // Not a nanosecond early.
        #expect(delivery.transport.sent.count == 2)
        delivery.clock.advance(by: .nanoseconds(1))
        #expect(await outcome == .delivered(attempts: 3))
        // The third attempt is sent 4 s after the second, as Retry-After said.
        #expect(delivery.transport.sent.map(\.at) == [.zero, .milliseconds(250), .milliseconds(4250)])
    }

    @Test func retryAfterIsCappedAndADateInItFallsBackToTheBackoff() async throws {
        let delivery = Delivery { _, index in
            switch index {
            case 0: .status(503, retryAfter: "3600")
            case 1: .status(503, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT")
            default: .status(200)
            }
        }
        async let outcome = delivery.deliver()
        await delivery.advance(after: .seconds(60))
        await delivery.advance(after: .milliseconds(500))
        #expect(await outcome == .delivered(attempts: 3))
        #expect(delivery.transport.sent.map(\.at) == [.zero, .seconds(60), .milliseconds(60_500)])
    }

    @Test func aFailureWithoutAnswerIsRetried() async throws {
        let delivery = Delivery { _, index in index == 0 ? .failure("connection refused") : .status(200) }
        async let outcome = delivery.deliver()
        await delivery.advance(after: .milliseconds(250))
        #expect(await outcome == .delivered(attempts: 2))
        #expect(delivery.logs.text.contains("request failed"))
        #expect(delivery.logs.text.contains("connection refused"))
    }

    @Test func cancellingADeliveryThatWaitsAbandonsItWithoutAnotherAttempt() async throws {
        let delivery = Delivery { _, _ in .status(503) }
        let outcome = await withTaskGroup(of: WebhookSender.Outcome.self) { group in
            group.addTask { await delivery.deliver() }
            await delivery.clock.sleeping()
            group.cancelAll()
            return await group.next()
        }
        #expect(outcome == .abandoned)
        #expect(delivery.transport.sent.count == 1)
        #expect(delivery.clock.now.offset == .zero)
    }
}

/// The policy itself, without I/O.
@Suite struct WebhookRetryPolicyTests {
    let policy = WebhookRetryPolicy(
        maxAttempts: 5, initialBackoff: .milliseconds(500), maxBackoff: .seconds(8), maxRetryAfter: .seconds(60))

    @Test(arguments: [
        (200, WebhookRetryPolicy.Decision.delivered), (204, .delivered), (301, .rejected), (400, .rejected), (401, .rejected),
        (404, .rejected), (408, .rejected), (429, .retry(after: nil)), (500, .retry(after: nil)), (502, .retry(after: nil)),
        (503, .retry(after: nil)),
    ])
    func statusDecides(status: Int, decision: WebhookRetryPolicy.Decision) {
        #expect(policy.decide(status: status, retryAfter: nil) == decision)
    }

    @Test func retryAfterInSecondsIsReadAndCapped() {
        #expect(policy.decide(status: 429, retryAfter: "2") == .retry(after: .seconds(2)))
        #expect(policy.decide(status: 503, retryAfter: " 1.5 ") == .retry(after: .milliseconds(1500)))
        #expect(policy.decide(status: 503, retryAfter: "86400") == .retry(after: .seconds(60)))
        #expect(policy.decide(status: 503, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT") == .retry(after: nil))
        #expect(policy.decide(status: 503, retryAfter: "-3") == .retry(after: nil))
        #expect(policy.decide(status: 400, retryAfter: "2") == .rejected)
    }

    @Test func backoffIsFullJitterUnderAGrowingCeiling() {
        for retry in 1...8 {
            let ceiling = min(0.5 * pow(2, Double(retry - 1)), 8)
            #expect(policy.backoff(beforeRetry: retry, random: 0) == .zero)
            let top = policy.backoff(beforeRetry: retry, random: 0.999_999).inSeconds
            #expect(top <= ceiling && top > ceiling * 0.99, "retry \(retry)")
            let middle = policy.backoff(beforeRetry: retry, random: 0.5).inSeconds
            #expect(abs(middle - ceiling / 2) < 0.001, "retry \(retry)")
        }
    }
}
