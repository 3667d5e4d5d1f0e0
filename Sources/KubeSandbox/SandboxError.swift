/// The one error type of `KubeSandbox` for problems outside the HTTP API (those answer with a `Status`).
public struct SandboxError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case invalidIPAddress
        case invalidListenAddress
        case unreadableManifest
        case invalidManifest
        case rejectedObject
        case cannotListen
        case unknownResource
        case noCertificateAuthority
        case connectionClosed
        case notListening
    }

    private let code: Code
    /// What the error is about: the address, path or object.
    public let subject: String
    /// Extra detail from the underlying failure.
    public let detail: String?

    private init(code: Code, subject: String, detail: String? = nil) {
        self.code = code
        self.subject = subject
        self.detail = detail
    }

    static func invalidIPAddress(_ text: String) -> SandboxError { SandboxError(code: .invalidIPAddress, subject: text) }
    static func invalidListenAddress(_ text: String) -> SandboxError { SandboxError(code: .invalidListenAddress, subject: text) }
    static func unreadableManifest(_ path: String, _ reason: String) -> SandboxError {
        SandboxError(code: .unreadableManifest, subject: path, detail: reason)
    }
    static func invalidManifest(_ origin: String, _ detail: String) -> SandboxError {
        SandboxError(code: .invalidManifest, subject: origin, detail: detail)
    }
    static func rejectedObject(_ what: String, _ message: String) -> SandboxError {
        SandboxError(code: .rejectedObject, subject: what, detail: message)
    }
    static func noCertificateAuthority() -> SandboxError { SandboxError(code: .noCertificateAuthority, subject: "sandbox") }
    /// The in-process exchange was dropped (an injected fault, a simulated restart, the sandbox stopping) as a
    /// broken connection would be.
    static func connectionClosed() -> SandboxError { SandboxError(code: .connectionClosed, subject: "in-process connection") }
    static func notListening(_ what: String) -> SandboxError { SandboxError(code: .notListening, subject: what) }
    static func unknownResource(_ name: String) -> SandboxError { SandboxError(code: .unknownResource, subject: name) }
    static func cannotListen(_ address: String, _ error: any Error) -> SandboxError {
        SandboxError(code: .cannotListen, subject: address, detail: String(describing: error))
    }

    public var isInvalidListenAddress: Bool { code == .invalidListenAddress }
    public var isUnreadableManifest: Bool { code == .unreadableManifest }
    /// An in-process exchange was dropped, as a connection reset would drop it.
    public var isConnectionClosed: Bool { code == .connectionClosed }
    /// The manifest did not parse, named a kind the sandbox does not serve, or the store refused an object.
    public var isInvalidManifest: Bool { code == .invalidManifest || code == .rejectedObject }

    public var description: String {
        switch code {
        case .invalidIPAddress:
            return "\"\(subject)\" is not an IPv4 or IPv6 address"
        case .invalidListenAddress:
            return "invalid listen address \"\(subject)\": use HOST:PORT, e.g. 127.0.0.1:6443 (port 0 picks a free one)"
        case .unreadableManifest:
            return "cannot read \(subject): \(detail ?? "unknown error")"
        case .invalidManifest:
            return "invalid manifest in \(subject): \(detail ?? "not YAML or JSON")"
        case .rejectedObject:
            return "cannot store \(subject): \(detail ?? "rejected")"
        case .noCertificateAuthority:
            return "the sandbox serves plain HTTP and has no certificate authority: start it with tls enabled"
        case .connectionClosed:
            return "the sandbox closed the \(subject) before answering"
        case .notListening:
            return "\(subject) needs a sandbox that listens: start it with listen enabled"
        case .unknownResource:
            return "the sandbox does not serve a resource named \"\(subject)\""
        case .cannotListen:
            return "cannot listen on \(subject): \(detail ?? "unknown error"); is the port already in use?"
        }
    }
}
