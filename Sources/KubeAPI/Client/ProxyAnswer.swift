/// What a Service answered through the API server's service proxy (`KubernetesClient.proxy`), whatever its HTTP
/// status: a 503 from the API server (no ready endpoint) or a 500 from the Service is an answer, not an error.
public struct ProxyAnswer: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// The body's first `maxBodyBytes` bytes as UTF-8 text; bytes that are not UTF-8 read as U+FFFD.
    public var body: String
    /// Whether the body was longer than `maxBodyBytes` and `body` holds only its start.
    public var isBodyTruncated: Bool
    /// `Status.message` when the answer is a Kubernetes `Status` (`no endpoints available for service "nginx"`).
    public var message: String?
    /// `Status.reason` when the answer is a Kubernetes `Status` (`ServiceUnavailable`, `NotFound`, `Forbidden`).
    public var reason: String?

    /// The most of a body read; the rest is not read at all.
    public static let maxBodyBytes = 64 * 1024

    public init(status: Int, body: String, isBodyTruncated: Bool = false, message: String? = nil, reason: String? = nil) {
        self.status = status
        self.body = body
        self.isBodyTruncated = isBodyTruncated
        self.message = message
        self.reason = reason
    }
}
