import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// Retries against a real receiver: which answers are retried, how often, and how long apart.
@Suite(.dedicatedThreads) struct WebhookRetryTests {
    private func deliver(
        options: WebhookOptions = KillSamples.fastOptions(), script: @escaping WebhookReceiver.Script
    ) async throws -> (hooks: [ReceivedHook], statistics: WebhookStatistics) {
        try await WebhookReceiver.with(script: script) { receiver in
            let configuration = try WebhookConfiguration(webhooks: [receiver.url()], template: nil, slackWebhooks: [], environment: [:])
            let notifier = WebhookNotifier(configuration: configuration, toolVersion: "1", options: options, logger: LogCapture().logger)
            try await notifier.running { notifier.killed(KillSamples.kill()) }
            return (receiver.requests, notifier.statistics)
        }
    }

    @Test func a500IsRetriedUntilItSucceeds() async throws {
        let (hooks, statistics) = try await deliver { _, index in index < 2 ? .status(500) : .status(204) }
        #expect(hooks.count == 3)
        #expect(Set(hooks.map(\.body)).count == 1)
        #expect(Set(hooks.compactMap { $0.header("X-Podchaosmonkey-Delivery") }).count == 1)
        #expect(statistics.delivered == 1 && statistics.failed == 0 && statistics.attempts == 3)
    }

    @Test func a400IsNotRetried() async throws {
        let (hooks, statistics) = try await deliver { _, _ in .status(400) }
        #expect(hooks.count == 1)
        #expect(statistics.delivered == 0 && statistics.failed == 1 && statistics.attempts == 1)
    }

    @Test func retriesStopAfterTheLastAttempt() async throws {
        let (hooks, statistics) = try await deliver(options: KillSamples.fastOptions(attempts: 3)) { _, _ in .status(503) }
        #expect(hooks.count == 3)
        #expect(statistics.failed == 1 && statistics.attempts == 3)
    }

    @Test func retryAfterIsHonoured() async throws {
        let (hooks, statistics) = try await deliver { _, index in index == 0 ? .status(429, retryAfter: "1") : .status(200) }
        try #require(hooks.count == 2)
        // The backoff alone would be at most 10 ms.
        #expect(hooks[1].receivedAt - hooks[0].receivedAt >= .milliseconds(950))
        #expect(statistics.delivered == 1)
    }

    @Test func retryAfterIsCapped() async throws {
        let options = KillSamples.fastOptions(maxRetryAfter: .milliseconds(300))
        let (hooks, statistics) = try await deliver(options: options) { _, index in
            index == 0 ? .status(503, retryAfter: "3600") : .status(200)
        }
        try #require(hooks.count == 2)
        let gap = hooks[1].receivedAt - hooks[0].receivedAt
        #expect(gap >= .milliseconds(250) && gap < .seconds(60))
        #expect(statistics.delivered == 1)
    }

    @Test func connectionErrorsAreRetried() async throws {
        // A bound port nobody listens on: every attempt is refused.
        let refusing = try RefusingPort()
        let closed = refusing.url(scheme: "http", WebhookReceiver.secretPath)
        let configuration = try WebhookConfiguration(webhooks: [closed], template: nil, slackWebhooks: [], environment: [:])
        let notifier = WebhookNotifier(
            configuration: configuration, toolVersion: "1",
            options: KillSamples.fastOptions(attempts: 3, requestTimeout: .milliseconds(500)),
            logger: LogCapture().logger)
        try await notifier.running { notifier.killed(KillSamples.kill()) }
        withExtendedLifetime(refusing) {}
        #expect(notifier.statistics.failed == 1 && notifier.statistics.attempts == 3)
    }

    @Test func aRequestThatTakesTooLongTimesOutAndIsRetried() async throws {
        // Long enough that the second, answered attempt cannot time out too while the whole suite loads the machine.
        let options = KillSamples.fastOptions(attempts: 2, requestTimeout: .seconds(5))
        let (hooks, statistics) = try await deliver(options: options) { _, index in index == 0 ? .hang : .status(200) }
        #expect(hooks.count == 2)
        #expect(statistics.delivered == 1 && statistics.attempts == 2)
    }
}

/// The policy itself, without I/O.
@Suite(.dedicatedThreads) struct WebhookRetryPolicyTests {
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
