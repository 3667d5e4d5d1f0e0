import Foundation

/// Everything needed to talk to one API server, resolved from a kubeconfig or the in-cluster environment.
///
/// This is the seam between configuration loading (`KubeconfigLoader`, `InClusterConfig`) and the
/// transport (`KubernetesClient`): loaders produce it, the client consumes it.
public struct ClusterConfig: Sendable {
    /// `https://host:port[/prefix]`.
    public var server: URL
    /// PEM bytes of the CA bundle to trust *exclusively*; nil means the system trust roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// kubectl's `insecure-skip-tls-verify`: honoured, but the client logs a warning every time it starts.
    public var insecureSkipTLSVerify: Bool
    /// Name to verify the server certificate against (and send as SNI) instead of the server URL's host.
    public var tlsServerName: String?
    public var proxyURL: URL?
    /// Default namespace (context's namespace, in-cluster namespace file, or `default`).
    public var namespace: String
    public var credentials: CredentialSource
    /// Human-readable origin for error messages, e.g. `kubeconfig /home/me/.kube/config, context "prod"`.
    public var origin: String

    public init(
        server: URL,
        certificateAuthorityPEM: [UInt8]? = nil,
        insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil,
        proxyURL: URL? = nil,
        namespace: String = "default",
        credentials: CredentialSource = .none,
        origin: String = "explicit configuration"
    ) {
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
        self.namespace = namespace
        self.credentials = credentials
        self.origin = origin
    }
}

/// Where request credentials come from.
public enum CredentialSource: Sendable {
    case none
    /// Fixed credentials, e.g. a kubeconfig `token` or client certificate.
    case fixed(Credentials)
    /// Credentials that change over time: exec plugins, token files, in-cluster projected tokens.
    case provider(any CredentialProvider)
}

/// One set of request credentials. More than one may be set, as in a kubeconfig user with a token and a client cert.
public struct Credentials: Sendable, Hashable {
    public var bearerToken: String?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    public var username: String?
    public var password: String?

    public init(
        bearerToken: String? = nil,
        clientCertificatePEM: [UInt8]? = nil,
        clientKeyPEM: [UInt8]? = nil,
        username: String? = nil,
        password: String? = nil
    ) {
        self.bearerToken = bearerToken
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.username = username
        self.password = password
    }
}

/// Supplies credentials that may expire or rotate.
public protocol CredentialProvider: Sendable {
    /// Current credentials; may run a plugin or read a file, and may cache.
    func credentials() async throws -> Credentials
    /// Called once after the server answered 401 with the credentials last returned, so the next
    /// `credentials()` fetches fresh ones (exec plugins re-run, token files re-read).
    func invalidate() async
}
