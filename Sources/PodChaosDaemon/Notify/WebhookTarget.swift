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

    /// The secret URL, without user info. Never log or print it: use `redacted`.
    public let url: URL
    public let format: Format
    /// The flag that configured it, e.g. `--slack-webhook`.
    public let flag: String
    /// `Basic …` from the `user:password@` of the URL as given, sent as the Authorization header (as curl does).
    /// A secret like the URL: never log or print it.
    let authorization: String?

    /// `scheme://host[:port]`, all that logs and errors may show: the path and query of a webhook URL are its secret.
    public var redacted: String { Self.redact(url) }

    /// A URL with `user:password@` is sent without it, the credentials going in an Authorization header instead.
    public init(url: URL, format: Format, flag: String) {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let user = components?.user
        let password = components?.password
        self.userInfo = [user, password, components?.percentEncodedUser, components?.percentEncodedPassword].compactMap { $0 }
        components?.user = nil
        components?.password = nil
        self.url = user == nil && password == nil ? url : components?.url ?? url
        self.format = format
        self.flag = flag
        self.authorization = (user ?? password).map { _ in
            "Basic " + Data("\(user ?? ""):\(password ?? "")".utf8).base64EncodedString()
        }
    }

    /// The user name and password, as given and percent-decoded, for `scrub`.
    private let userInfo: [String]

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
        let pathAndQuery = [components?.percentEncodedPath, components?.percentEncodedQuery, components?.path, components?.query]
        let credentials = userInfo + [authorization.map { String($0.dropFirst("Basic ".count)) }].compactMap { $0 }
        for secret in pathAndQuery.compactMap({ $0 }) + credentials where secret.count > 1 {
            scrubbed = scrubbed.replacingOccurrences(of: secret, with: "…")
        }
        return scrubbed
    }
}
