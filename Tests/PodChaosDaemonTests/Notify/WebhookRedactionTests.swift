import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// Webhook URLs are secrets: whatever happens to a delivery, logs show scheme and host only.
@Suite(.dedicatedThreads) struct WebhookRedactionTests {
    static let secrets = ["T0SECRET", "B0SECRET", "xoxSECRET", "QUERYSECRET", "/services"]

    @Test func logsNeverContainThePathOrQuery() async throws {
        let logs = LogCapture()
        let refusing = try RefusingPort()
        let closed = refusing.url(scheme: "http", WebhookReceiver.secretPath)
        let failing: WebhookReceiver.Script = { hook, _ in hook.path.hasSuffix("refuse") ? .status(400) : .status(500) }
        try await WebhookReceiver.with(script: failing) { receiver in
            let configuration = try WebhookConfiguration(
                webhooks: [receiver.url(), closed, receiver.url("/services/T0SECRET/refuse?token=QUERYSECRET")], template: nil,
                slackWebhooks: [receiver.url()], environment: [:])
            let notifier = WebhookNotifier(
                configuration: configuration, toolVersion: "1",
                options: KillSamples.fastOptions(capacity: 1, attempts: 2, requestTimeout: .seconds(5)),
                logger: logs.logger)
            try await notifier.running {
                notifier.killed(KillSamples.kill(id: "K1"))
                notifier.killed(KillSamples.kill(id: "K2"))
                notifier.recovered(KillSamples.notRecovered())
            }
            #expect(notifier.statistics.failed > 0)
        }
        withExtendedLifetime(refusing) {}
        let text = logs.text
        // The failures were logged, with the target as scheme://host.
        #expect(text.contains("http://127.0.0.1:"))
        #expect(text.contains("not retried"))
        #expect(text.contains("dropped after 2 attempts"))
        #expect(text.contains("request failed"))
        for secret in Self.secrets {
            #expect(!text.contains(secret), "\(secret) in:\n\(text)")
        }
    }
}
