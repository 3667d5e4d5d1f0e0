import Foundation

/// The webhook targets of `run`, built from the values of `--webhook`, `--webhook-template` and `--slack-webhook`.
public struct WebhookConfiguration: Sendable {
    public static let webhookFlag = "--webhook"
    public static let templateFlag = "--webhook-template"
    public static let slackFlag = "--slack-webhook"

    public var targets: [WebhookTarget]

    public var isEmpty: Bool { targets.isEmpty }

    public init(targets: [WebhookTarget]) {
        self.targets = targets
    }

    /// Resolves every URL (literal, `env:NAME` or `file:/path`) and parses the template, so that a bad value fails at
    /// start-up with one line naming the flag and the variable or file, never the secret.
    /// - Parameters:
    ///   - webhooks: `--webhook` values; each receives the JSON body, or the template's rendering when given.
    ///   - template: the `--webhook-template` path.
    ///   - slackWebhooks: `--slack-webhook` values.
    ///   - environment: where `env:NAME` is looked up.
    public init(
        webhooks: [String], template: String?, slackWebhooks: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(WebhookError) {
        let format: WebhookTarget.Format
        if let template {
            guard !webhooks.isEmpty else { throw .templateWithoutWebhook }
            format = .template(try WebhookTemplate(contentsOf: template))
        } else {
            format = .json
        }
        var targets: [WebhookTarget] = []
        for value in webhooks {
            targets.append(try Self.target(value, flag: Self.webhookFlag, format: format, environment: environment))
        }
        for value in slackWebhooks {
            targets.append(try Self.target(value, flag: Self.slackFlag, format: .slack, environment: environment))
        }
        self.targets = targets
    }

    private static func target(
        _ value: String, flag: String, format: WebhookTarget.Format, environment: [String: String]
    ) throws(WebhookError) -> WebhookTarget {
        let secret = try WebhookSecret.resolve(value, flag: flag, environment: environment)
        let url = URL(string: secret.value)
        guard let url, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            // Show scheme and host when there are any: they help find the mistake and are not the secret.
            let shown = url.flatMap { $0.scheme != nil && $0.host != nil ? WebhookTarget.redact($0) : nil }
            throw .invalidURL(flag: flag, source: secret.source, shown: shown)
        }
        return WebhookTarget(url: url, format: format, flag: flag)
    }
}
