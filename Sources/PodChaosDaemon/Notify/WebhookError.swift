/// A webhook configuration that cannot be used: which flag, which value, and what to do about it.
/// Messages name the flag and the environment variable or file a secret came from, never the secret itself.
public struct WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case environmentVariableMissing
        case secretFileUnreadable
        case secretEmpty
        case invalidURL
        case templateUnreadable
        case templateInvalid
        case templateWithoutWebhook
    }

    private let code: Code
    /// The flag whose value is wrong, e.g. `--slack-webhook`.
    public let flag: String
    public let message: String

    private init(_ code: Code, flag: String, message: String) {
        self.code = code
        self.flag = flag
        self.message = message
    }

    static func environmentVariableMissing(flag: String, name: String) -> WebhookError {
        WebhookError(
            .environmentVariableMissing, flag: flag,
            message: "\(flag) env:\(name): environment variable \(name) is not set")
    }

    static func secretFileUnreadable(flag: String, path: String, detail: String) -> WebhookError {
        WebhookError(.secretFileUnreadable, flag: flag, message: "\(flag) file:\(path): cannot read \(path): \(detail)")
    }

    static func secretEmpty(flag: String, source: WebhookSecret.Source) -> WebhookError {
        WebhookError(.secretEmpty, flag: flag, message: "\(flag): \(source) is empty")
    }

    static func invalidURL(flag: String, source: WebhookSecret.Source, shown: String?) -> WebhookError {
        // A literal value came from the flag, the environment or a config file: the caller names which.
        let what: String
        switch source {
        case .literal: what = shown ?? "\(source)"
        case .environment, .file: what = shown.map { "\($0) from \(source)" } ?? "the value from \(source)"
        }
        return WebhookError(
            .invalidURL, flag: flag, message: "\(flag): \(what) is not an http:// or https:// URL with a host")
    }

    static func templateUnreadable(path: String, detail: String) -> WebhookError {
        WebhookError(
            .templateUnreadable, flag: WebhookConfiguration.templateFlag,
            message: "\(WebhookConfiguration.templateFlag) \(path): cannot read it: \(detail)")
    }

    static func templateInvalid(path: String, line: Int, column: Int, problem: String) -> WebhookError {
        WebhookError(
            .templateInvalid, flag: WebhookConfiguration.templateFlag,
            message: "\(WebhookConfiguration.templateFlag) \(path):\(line):\(column): \(problem)")
    }

    static var templateWithoutWebhook: WebhookError {
        WebhookError(
            .templateWithoutWebhook, flag: WebhookConfiguration.templateFlag,
            message: "\(WebhookConfiguration.templateFlag) renders the body of --webhook targets; give at least one --webhook")
    }

    public var description: String { message }
}
