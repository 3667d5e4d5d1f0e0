import Foundation
import Testing

@testable import PodChaosDaemon

/// URLs given literally, as `env:NAME` or as `file:/path`; failures name the flag and the source, never the secret.
@Suite struct WebhookSecretTests {
    static let secretURL = "https://hooks.example.com/services/T0SECRET/B0SECRET/xoxSECRET?token=QUERYSECRET"

    private func tempFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-secret-\(UUID().uuidString)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aURLMayComeFromTheEnvironmentOrAFile() throws {
        let path = try tempFile("  \(Self.secretURL)\n")
        let configuration = try WebhookConfiguration(
            webhooks: ["env:HOOK_URL", Self.secretURL], template: nil, slackWebhooks: ["file:\(path)"],
            environment: ["HOOK_URL": "http://receiver.local:8080/in"])
        #expect(configuration.targets.map(\.url.absoluteString) == ["http://receiver.local:8080/in", Self.secretURL, Self.secretURL])
        #expect(configuration.targets.map(\.flag) == ["--webhook", "--webhook", "--slack-webhook"])
        #expect(
            configuration.targets.map(\.redacted) == [
                "http://receiver.local:8080", "https://hooks.example.com", "https://hooks.example.com",
            ])
    }

    @Test func aMissingEnvironmentVariableIsNamed() throws {
        let error = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(webhooks: [], template: nil, slackWebhooks: ["env:SLACK_URL"], environment: ["OTHER": Self.secretURL])
        }
        #expect(error.description == "--slack-webhook env:SLACK_URL: environment variable SLACK_URL is not set")
    }

    @Test func aMissingFileIsNamed() throws {
        let error = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(webhooks: ["file:/nonexistent/hook-url"], template: nil, slackWebhooks: [], environment: [:])
        }
        #expect(error.description.hasPrefix("--webhook file:/nonexistent/hook-url: cannot read /nonexistent/hook-url: "))
        #expect(!error.description.contains("\n"))
    }

    @Test func anEmptySecretIsNamed() throws {
        let path = try tempFile("\n")
        let fromFile = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(webhooks: ["file:\(path)"], template: nil, slackWebhooks: [], environment: [:])
        }
        #expect(fromFile.description == "--webhook: file \(path) is empty")
        let fromEnvironment = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(webhooks: ["env:HOOK"], template: nil, slackWebhooks: [], environment: ["HOOK": " "])
        }
        #expect(fromEnvironment.description == "--webhook: environment variable HOOK is empty")
    }

    @Test(arguments: [
        "ftp://hooks.example.com/services/T0SECRET/B0SECRET/xoxSECRET?token=QUERYSECRET",
        "hooks.example.com/services/T0SECRET/B0SECRET/xoxSECRET?token=QUERYSECRET",
        "https:///services/T0SECRET/B0SECRET/xoxSECRET?token=QUERYSECRET",
    ])
    func aValueThatIsNotAnHTTPURLIsRefusedWithoutShowingIt(value: String) throws {
        for (raw, environment) in [(value, [String: String]()), ("env:HOOK", ["HOOK": value])] {
            let error = try #require(throws: WebhookError.self) {
                try WebhookConfiguration(webhooks: [raw], template: nil, slackWebhooks: [], environment: environment)
            }
            #expect(error.description.hasPrefix("--webhook: "))
            #expect(error.description.contains("not an http:// or https:// URL"))
            for secret in ["T0SECRET", "B0SECRET", "xoxSECRET", "QUERYSECRET"] {
                #expect(!error.description.contains(secret), "\(error)")
            }
        }
    }

    @Test func aSecretFromTheEnvironmentIsNamedByItsVariable() throws {
        let error = try #require(throws: WebhookError.self) {
            try WebhookConfiguration(
                webhooks: ["env:HOOK"], template: nil, slackWebhooks: [], environment: ["HOOK": "ftp://x.example/SECRET"])
        }
        #expect(
            error.description == "--webhook: ftp://x.example from environment variable HOOK is not an http:// or https:// URL with a host")
    }

    @Test func theRedactedFormShowsOnlySchemeHostAndPort() throws {
        let url = try #require(URL(string: "https://user:pass@hooks.example.com:8443/services/T0SECRET?token=QUERYSECRET#frag"))
        let target = WebhookTarget(url: url, format: .json, flag: "--webhook")
        #expect(target.redacted == "https://hooks.example.com:8443")
        let scrubbed = target.scrub("connect to \(url.absoluteString) failed: /services/T0SECRET rejected token=QUERYSECRET by user pass")
        for secret in ["T0SECRET", "QUERYSECRET", "user:pass", "pass"] {
            #expect(!scrubbed.contains(secret), "\(scrubbed)")
        }
    }
}
