import Foundation
import KubeAPI
import NIOSSL

/// A running in-memory Kubernetes API server on a local port, with the helpers tests and the demo need:
/// kubeconfig and `ClusterConfig` for its users, manifest loading, and direct access to its `ClusterStore`.
public final class Sandbox: Sendable {
    public let options: SandboxOptions
    public let store: ClusterStore
    public let port: Int
    /// PEM of the CA that signed the serving certificate; nil when serving plain HTTP.
    public let caCertificatePEM: String?
    private let server: HTTPServer

    private init(options: SandboxOptions, store: ClusterStore, port: Int, caCertificatePEM: String?, server: HTTPServer) {
        self.options = options
        self.store = store
        self.port = port
        self.caCertificatePEM = caCertificatePEM
        self.server = server
    }

    /// Generates certificates (with TLS), binds the port and starts serving.
    public static func start(_ options: SandboxOptions = SandboxOptions()) async throws -> Sandbox {
        let store = ClusterStore(historyLimit: options.watchHistorySize, watchBufferSize: options.watchBufferSize)
        var tlsContext: NIOSSLContext?
        var caPEM: String?
        if options.tls {
            let authority = try CertificateAuthority.generate()
            var addresses = ["127.0.0.1", "::1"]
            if (try? SubjectAlternativeNameEncoder.addressBytes(options.host)) != nil, !addresses.contains(options.host) {
                addresses.append(options.host)
            }
            let serving = try authority.issueServerCertificate(dnsNames: ["localhost"], ipAddresses: addresses)
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(serving.certificatePEM.utf8)).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serving.privateKeyPEM.utf8), format: .pem)))
            tlsContext = try NIOSSLContext(configuration: configuration)
            caPEM = authority.certificatePEM
        }
        let addressHost = options.host.contains(":") ? "[\(options.host)]" : options.host
        // The port is only known after binding; the router reads it lazily for /api's serverAddressByClientCIDRs.
        let router = APIRouter(
            store: store, users: options.users, serverAddress: "\(addressHost):\(options.port)", bookmarkInterval: options.bookmarkInterval)
        let server: HTTPServer
        do {
            server = try await HTTPServer.start(host: options.host, port: options.port, tls: tlsContext, router: router)
        } catch {
            throw SandboxError.cannotListen("\(options.host):\(options.port)", error)
        }
        return Sandbox(options: options, store: store, port: server.port, caCertificatePEM: caPEM, server: server)
    }

    /// Closes the port and every connection, watches included.
    public func stop() async {
        await server.stop()
    }

    /// `https://127.0.0.1:PORT` (or `http://…` without TLS).
    public var url: URL {
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        // Built from a validated host and a bound port, so it always parses.
        return URL(string: "\(options.tls ? "https" : "http")://\(host):\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// The user of that name, or the default (first) user.
    public func user(_ name: String? = nil) -> SandboxUser {
        guard let name else { return options.users[0] }
        return options.users.first { $0.name == name } ?? options.users[0]
    }

    /// What the KubeAPI client needs to connect as `user`.
    public func clusterConfig(user name: String? = nil, namespace: String = "default") -> ClusterConfig {
        ClusterConfig(
            server: url, certificateAuthorityPEM: caCertificatePEM.map { Array($0.utf8) }, namespace: namespace,
            credentials: .fixed(Credentials(bearerToken: user(name).token)), origin: "podchaosmonkey sandbox at \(url.absoluteString)")
    }
}
