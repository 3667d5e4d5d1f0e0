/// The one error type of `KubeAPI`: what failed, on which request, and what the server said.
public struct KubeAPIError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case status
        case disruptionBudget
        case transport
        case tls
        case timeout
        case invalidResponse
        case invalidRequest
        case configuration
        case watchExpired
    }

    private let code: Code
    /// The request this error is about; nil for configuration errors.
    public let context: RequestContext?
    /// HTTP status code, when the server answered.
    public let httpStatus: Int?
    /// The decoded `Status` body, when the server sent one.
    public let status: Status?
    /// Extra detail: the transport error, or the undecodable body.
    public let detail: String?

    private init(
        code: Code, context: RequestContext?, httpStatus: Int? = nil, status: Status? = nil, detail: String? = nil
    ) {
        self.code = code
        self.context = context
        self.httpStatus = httpStatus
        self.status = status
        self.detail = detail
    }

    /// An error answer from the API server. A 429 to a `pods/eviction` create is a PodDisruptionBudget refusal.
    public static func fromResponse(httpStatus: Int, status: Status?, body: String?, context: RequestContext)
        -> KubeAPIError
    {
        let isEvictionRefusal = httpStatus == 429 && context.subresource == "eviction" && context.verb == "create"
        return KubeAPIError(
            code: isEvictionRefusal ? .disruptionBudget : .status, context: context, httpStatus: httpStatus,
            status: status, detail: status == nil ? body : nil)
    }

    public static func transport(_ error: any Error, context: RequestContext) -> KubeAPIError {
        KubeAPIError(code: .transport, context: context, detail: String(describing: error))
    }

    /// A classified transport failure after `attempts` attempts: a TLS failure, a timeout, or another connection failure.
    static func transport(_ failure: TransportFailure, attempts: Int, context: RequestContext) -> KubeAPIError {
        let code: Code
        switch failure.kind {
        case .tls: code = .tls
        case .connectTimeout, .requestTimeout: code = .timeout
        case .connect, .broken: code = .transport
        }
        let tried = attempts > 1 ? "; tried \(attempts) times" : ""
        return KubeAPIError(code: code, context: context, detail: failure.message + tried)
    }

    public static func timeout(_ what: String, context: RequestContext) -> KubeAPIError {
        KubeAPIError(code: .timeout, context: context, detail: what)
    }

    public static func invalidResponse(_ what: String, context: RequestContext?) -> KubeAPIError {
        KubeAPIError(code: .invalidResponse, context: context, detail: what)
    }

    /// A request the client refuses to send because it cannot be right (an update without a name).
    public static func invalidRequest(_ what: String, context: RequestContext) -> KubeAPIError {
        KubeAPIError(code: .invalidRequest, context: context, detail: what)
    }

    public static func configuration(_ message: String) -> KubeAPIError {
        KubeAPIError(code: .configuration, context: nil, detail: message)
    }

    /// A watch was told its resourceVersion is too old (HTTP 410 or an ERROR event with code 410).
    public static func watchExpired(status: Status?, context: RequestContext) -> KubeAPIError {
        KubeAPIError(code: .watchExpired, context: context, httpStatus: 410, status: status)
    }

    /// The server's `Status.reason`, or the reason implied by the HTTP status code.
    public var reason: StatusReason? {
        if let raw = status?.reason, !raw.isEmpty { return StatusReason(rawValue: raw) }
        if code == .watchExpired { return .expired }
        return httpStatus.flatMap(StatusReason.init(httpStatus:))
    }

    public var isNotFound: Bool { reason == .notFound }
    public var isConflict: Bool { reason == .conflict }
    public var isAlreadyExists: Bool { reason == .alreadyExists }
    public var isForbidden: Bool { reason == .forbidden }
    public var isUnauthorized: Bool { reason == .unauthorized }
    /// True for an eviction refused because it would violate a PodDisruptionBudget: never retry it blindly.
    public var isDisruptionBudgetRefusal: Bool { code == .disruptionBudget }
    public var isWatchExpired: Bool { code == .watchExpired || (reason == .expired || reason == .gone) }
    /// The server could not be reached, or the connection failed mid-request.
    public var isTransport: Bool { code == .transport || code == .tls || code == .timeout }
    /// The server's certificate is not trusted or does not name it, or it speaks no TLS: retrying cannot help.
    public var isTLS: Bool { code == .tls }
    public var isTimeout: Bool { code == .timeout }
    public var isConfiguration: Bool { code == .configuration }

    /// `Retry-After` as the server put it in `Status.details`, when it did.
    public var retryAfterSeconds: Int? { status?.details?.retryAfterSeconds }

    /// One line of bounded size, whatever the server's message holds (see `EchoedText.line`).
    public var description: String { EchoedText.line(message) }

    private var message: String {
        let what = context.map { ": cannot \($0)" } ?? ""
        switch code {
        case .configuration:
            return detail ?? "invalid configuration"
        case .transport, .tls:
            return "connection failed\(what): \(detail ?? "unknown error")"
        case .timeout:
            return "timed out\(what): \(detail ?? "no answer")"
        case .invalidResponse:
            return "invalid response\(what): \(detail ?? "")"
        case .invalidRequest:
            return "invalid request\(what): \(detail ?? "")"
        case .status, .disruptionBudget, .watchExpired:
            let label = reason?.phrase ?? "HTTP \(httpStatus ?? 0)"
            let serverMessage = status?.message ?? detail.map { $0.trimmed(to: 300) } ?? "no message"
            return "\(label)\(what): \(serverMessage)"
        }
    }
}

extension String {
    fileprivate func trimmed(to limit: Int) -> String {
        let flat = split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
