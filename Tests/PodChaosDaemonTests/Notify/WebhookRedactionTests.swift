import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// Webhook URLs are secrets: whatever happens to a delivery, logs show scheme and host only.
@Suite struct WebhookRedactionTests {
    static let credentials = "chaos:PASSSECRET"
    static let secrets = [
        "T0SECRET", "B0SECRET", "xoxSECRET", "QUERYSECRET", "/services", "PASSSECRET", "chaos:",
        Data(credentials.utf8).base64EncodedString(),
    ]

    @Test func logsNeverContainThePathQueryOrCredentials() async throws {
        let logs = LogCapture()
        let clock = SteppingClock()
        // An error may quote what its library was given: here the URL and the Authorization header.
        let transport = ScriptedTransport(clock: clock) { request, _ in
            if request.url.host == "fails.example" {
                return .failure(
                    "POST \(request.url.absoluteString) as \(request.headers["Authorization"] ?? "") (\(Self.credentials)) refused")
            }
            return request.url.path.hasSuffix("refuse") ? .status(400) : .status(500)
        }
        let configuration = try WebhookConfiguration(
            webhooks: [
                "https://hooks.example.com\(WebhookReceiver.secretPath)",
                "https://\(Self.credentials)@hooks.example.com/services/T0SECRET/refuse?token=QUERYSECRET",
            ],
            template: nil, slackWebhooks: ["https://\(Self.credentials)@fails.example\(WebhookReceiver.secretPath)"],
            environment: [:])
        // Two attempts without waits between them: this test is about what is logged, not when.
        let options = WebhookOptions(bufferCapacity: 1, retry: WebhookRetryPolicy(maxAttempts: 2, initialBackoff: .zero))
        let notifier = WebhookNotifier(
            configuration: configuration, options: options, transport: transport, clock: clock, logger: logs.logger)
        try await notifier.running {
            notifier.killed(KillSamples.kill(id: "K1"))
            notifier.killed(KillSamples.kill(id: "K2"))
            notifier.recovered(KillSamples.notRecovered())
        }
        #expect(notifier.statistics.failed > 0)
        #expect(clock.now.offset == .zero)
        let text = logs.text
        // The failures were logged, with the target as scheme://host.
        #expect(text.contains("https://hooks.example.com"))
        #expect(text.contains("https://fails.example"))
        #expect(text.contains("not retried"))
        #expect(text.contains("dropped after 2 attempts"))
        #expect(text.contains("request failed"))
        #expect(text.contains("refused"))
        for secret in Self.secrets {
            #expect(!text.contains(secret), "\(secret) in:\n\(text)")
        }
    }
}
