import Foundation

/// One receiver of notifications: where to POST and what body to send.
public struct WebhookTarget: Sendable {
    public enum Format: Sendable {
        /// The documented JSON body (docs/webhooks.md).
        case json
        /// `--webhook-template`: the template rendered over the JSON body's fields.
        case template(WebhookTemplate)
        /// A Slack incoming webhook: `{"text": "…"}` with one human line.
        case slack
    }

    /// The secret URL. Never log or print it: use `redacted`.
    public let url: URL
    public let format: Format
    /// The flag that configured it, e.g. `--slack-webhook`.
    public let flag: String

    /// `scheme://host[:port]`, all that logs and errors may show: the path and query of a webhook URL are its secret.
    public var redacted: String { Self.redact(url) }

    public init(url: URL, format: Format, flag: String) {
        self.url = url
        self.format = format
        self.flag = flag
    }

    static func redact(_ url: URL) -> String {
        let scheme = url.scheme ?? "?"
        let host = url.host ?? "?"
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }

    /// `text` with every trace of this target's URL beyond scheme and host removed; for error descriptions of
    /// libraries that may quote the URL they were given.
    func scrub(_ text: String) -> String {
        var scrubbed = text.replacingOccurrences(of: url.absoluteString, with: redacted)
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let secrets = [
            components?.percentEncodedPath, components?.percentEncodedQuery, components?.path, components?.query, url.user, url.password,
        ]
        for secret in secrets.compactMap({ $0 }) where secret.count > 1 {
            scrubbed = scrubbed.replacingOccurrences(of: secret, with: "…")
        }
        return scrubbed
    }
}
