import KubeAPI

/// An error answer a fault rule injects: the HTTP code, and the Status body and headers the real API server
/// sends with it.
public struct InjectedStatus: Sendable, Hashable {
    /// The codes a rule may inject.
    public static let supportedCodes: Set<Int> = [429, 500, 503]

    public var code: Int
    /// Sent as `Retry-After` and `details.retryAfterSeconds`, when set.
    public var retryAfterSeconds: Int?
    /// Replaces the default message.
    public var message: String?

    public init(code: Int, retryAfterSeconds: Int? = nil, message: String? = nil) {
        self.code = code
        self.retryAfterSeconds = retryAfterSeconds
        self.message = message
    }

    /// The body, shaped as the apiserver's `errors.NewTooManyRequests`, `NewInternalError` and
    /// `NewServiceUnavailable` shape it.
    public var body: KubeAPI.Status {
        switch code {
        case 429:
            return KubeAPI.Status(
                message: message ?? "Too many requests, please try again later.", reason: "TooManyRequests",
                details: .init(retryAfterSeconds: retryAfterSeconds), code: 429)
        case 503:
            return KubeAPI.Status(
                message: message ?? "the server is currently unable to handle the request", reason: "ServiceUnavailable",
                details: retryAfterSeconds.map { .init(retryAfterSeconds: $0) }, code: 503)
        default:
            let cause = message ?? "injected fault"
            return KubeAPI.Status(
                message: "Internal error occurred: \(cause)", reason: "InternalError",
                details: .init(causes: [.init(message: cause)], retryAfterSeconds: retryAfterSeconds), code: code)
        }
    }

    /// Headers to send besides `Content-Type`.
    public var headers: [(name: String, value: String)] {
        retryAfterSeconds.map { [("Retry-After", String($0))] } ?? []
    }
}
