import Foundation
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// `user:password@` in a webhook URL is sent as HTTP Basic authentication, and is as secret as the rest of the URL.
@Suite(.dedicatedThreads) struct WebhookCredentialsTests {
    static let password = "PASS%40WORD"

    @Test func userInfoIsSentAsBasicAuthorization() async throws {
        let logs = LogCapture()
        let refuse: WebhookReceiver.Script = { _, _ in .status(400) }
        let hooks = try await WebhookReceiver.with(script: refuse) { receiver in
            let url = receiver.url("/hook").replacingOccurrences(of: "http://", with: "http://chaos:\(Self.password)@")
            let configuration = try WebhookConfiguration(webhooks: [], template: nil, slackWebhooks: [url], environment: [:])
            let notifier = WebhookNotifier(
                configuration: configuration, toolVersion: "1", logger: logs.logger)
            try await notifier.running { notifier.killed(KillSamples.kill()) }
            return receiver.requests
        }
        let hook = try #require(hooks.first)
        // Percent-escapes in the URL are undone, as curl does: the password is PASS@WORD.
        #expect(hook.header("Authorization") == "Basic " + Data("chaos:PASS@WORD".utf8).base64EncodedString())
        #expect(hook.path == "/hook")
        // The refusal was logged, without the credentials in any form.
        #expect(logs.text.contains("not retried"))
        for secret in ["PASS", "chaos:", Data("chaos:PASS@WORD".utf8).base64EncodedString()] {
            #expect(!logs.text.contains(secret), "\(secret) in:\n\(logs.text)")
        }
    }

    @Test func aURLWithoutUserInfoSendsNoAuthorization() throws {
        let target = WebhookTarget(url: try #require(URL(string: "https://hooks.example.com/x")), format: .json, flag: "--webhook")
        #expect(target.authorization == nil)
        #expect(target.url.absoluteString == "https://hooks.example.com/x")
    }

    @Test func theTargetURLNoLongerCarriesTheCredentials() throws {
        let url = try #require(URL(string: "https://chaos:\(Self.password)@hooks.example.com/x?y=1"))
        let target = WebhookTarget(url: url, format: .json, flag: "--webhook")
        #expect(target.url.absoluteString == "https://hooks.example.com/x?y=1")
        #expect(!target.scrub("failed for \(url.absoluteString) as chaos").contains("PASS"))
    }
}
