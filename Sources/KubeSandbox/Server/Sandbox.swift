import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOSSL

/// A running in-memory Kubernetes API server on a local port, with the helpers tests and the demo need:
/// kubeconfig and `ClusterConfig` for its users, manifest loading, and direct access to its `ClusterStore`.
///
/// Besides its port, it answers requests in-process (`respond`), on the same path a connection's requests take; with
/// `SandboxOptions.listen` off it has no port at all.
public final class Sandbox: Sendable {
    public let options: SandboxOptions
    public let store: ClusterStore
    /// The bound port; 0 when the sandbox does not listen.
    public let port: Int
    /// PEM of the CA that signed the serving certificate; nil when serving plain HTTP or not listening.
    public let caCertificatePEM: String?
    /// The fault plan every request is matched against, and the log of requests served.
    public let faults: FaultInjector
    /// Tokens issued by TokenRequests and `serviceAccountToken`.
    let tokens: ServiceAccountTokens
    private let authority: CertificateAuthority?
    private let server: HTTPServer?
    private let inProcess: InProcessServer
    private let connections: ConnectionRegistry
    private let controllers: ControllerManager?

    private init(
        options: SandboxOptions, store: ClusterStore, port: Int, authority: CertificateAuthority?, server: HTTPServer?,
        inProcess: InProcessServer, connections: ConnectionRegistry, controllers: ControllerManager?,
        faults: FaultInjector,
        tokens: ServiceAccountTokens
    ) {
        self.controllers = controllers
        self.options = options
        self.store = store
        self.port = port
        self.authority = authority
        self.caCertificatePEM = authority?.certificatePEM
        self.server = server
        self.inProcess = inProcess
        self.connections = connections
        self.faults = faults
        self.tokens = tokens
    }

    /// Generates certificates (with TLS), binds the port (unless `listen` is off) and starts serving, on the sandbox's
    /// own threads.
    public static func start(_ options: SandboxOptions = SandboxOptions()) async throws -> Sandbox {
        // Key generation takes seconds in a debug build: on the caller's cooperative pool it would stall the host.
        try await withTaskExecutorPreference(DedicatedExecutor.sandbox) { try await boot(options) }
    }

    private static func boot(_ options: SandboxOptions) async throws -> Sandbox {
        let store = ClusterStore(historyLimit: options.watchHistorySize, watchBufferSize: options.watchBufferSize)
        await store.setEvictionPolicy(DisruptionBudgetEvictions())
        let faults = FaultInjector(plan: options.faults, clock: options.faultClock)
        let tokens = ServiceAccountTokens()
        var tlsContext: NIOSSLContext?
        var authority: CertificateAuthority?
        if options.listen && options.tls {
            let ca = try CertificateAuthority.generate()
            authority = ca
            var addresses = ["127.0.0.1", "::1"]
            if (try? SubjectAlternativeNameEncoder.addressBytes(options.host)) != nil, !addresses.contains(options.host) {
                addresses.append(options.host)
            }
            let serving = try ca.issueServerCertificate(dnsNames: ["localhost"], ipAddresses: addresses)
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(serving.certificatePEM.utf8)).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(serving.privateKeyPEM.utf8), format: .pem)))
            // Client certificates are optional; one signed by this CA authenticates as its CN with its O's as groups.
            configuration.certificateVerification = .optionalVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.certificatePEM.utf8)))
            configuration.applicationProtocols = options.http2 ? ["h2", "http/1.1"] : ["http/1.1"]
            tlsContext = try NIOSSLContext(configuration: configuration)
        }
        let addressHost = options.host.contains(":") ? "[\(options.host)]" : options.host
        // The port is only known after binding; the router reads it lazily for /api's serverAddressByClientCIDRs.
        var router = APIRouter(
            store: store, users: options.users, serverAddress: "\(addressHost):\(options.port)", bookmarkInterval: options.bookmarkInterval,
            authorizer: RequestAuthorizer(store: store, rbac: options.rbac), tokens: tokens, faults: faults,
            connections: ConnectionRegistry(), proxy: ServiceProxy(store: store, clock: options.faultClock))
        router.anonymousIsDefaultUser = options.listen && !options.tls
        var server: HTTPServer?
        if options.listen {
            do {
                server = try await HTTPServer.start(
                    host: options.host, port: options.port, tls: tlsContext, http2: http2Configuration(options), router: router)
            } catch {
                throw SandboxError.cannotListen("\(options.host):\(options.port)", error)
            }
        }
        let inProcess = InProcessServer(router: router)
        await SandboxNodes.seed(options.nodes, into: store)
        var controllers: ControllerManager?
        if options.controllers {
            await store.setNamespaceControllerRunning(true)
            do {
                controllers = try await ControllerManager.start(
                    store: store, controllers: StandardControllers.all(timings: options.podTimings), clock: options.controllerClock)
            } catch {
                await server?.stop()
                await inProcess.stop()
                throw error
            }
        }
        return Sandbox(
            options: options, store: store, port: server?.port ?? 0, authority: authority, server: server, inProcess: inProcess,
            connections: router.connections, controllers: controllers, faults: faults, tokens: tokens)
    }

    /// The HTTP/2 settings of a connection that negotiates `h2`.
    private static func http2Configuration(_ options: SandboxOptions) -> NIOHTTP2Handler.Configuration {
        var configuration = NIOHTTP2Handler.Configuration()
        configuration.connection.initialSettings =
            nioDefaultSettings.filter { $0.parameter != .maxConcurrentStreams }
            + [HTTP2Setting(parameter: .maxConcurrentStreams, value: options.http2MaxStreamsPerConnection)]
        return configuration
    }

    /// How many TCP connections were accepted so far, and how many spoke HTTP/1.1 and HTTP/2.
    /// In-process requests (`respond`) are no connections and do not count.
    public var connectionCounts: ConnectionCounts { connections.counts }

    /// Whether the sandbox has a port (`SandboxOptions.listen`).
    public var isListening: Bool { server != nil }

    /// Answers one request in-process, exactly as it would answer it over a connection: it is logged and counted,
    /// meets the fault plan (an injected status or latency, an expired watch; a dropped connection or a restart
    /// throws an error for which `SandboxError.isConnectionClosed` holds), authenticates by its `Authorization`
    /// header (so RBAC applies), and is routed as any other. A watch's answer streams until the watch ends; the
    /// reader stopping ends the watch on the server.
    ///
    /// - Parameter uri: the path and query, `/api/v1/namespaces/demo/pods?watch=true`.
    public func respond(method: String, uri: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws
        -> SandboxResponse
    {
        try await inProcess.respond(method: method, uri: uri, headers: headers, body: body)
    }

    /// Returns once the controllers have nothing to do (`ControllerManager.idle()`): every change handled, no timer
    /// due on their clock. At once without controllers.
    public func controllersIdle() async {
        await controllers?.idle()
    }

    /// Stops the controllers, then closes the port and every connection and in-process exchange, watches included.
    public func stop() async {
        await controllers?.stop()
        await server?.stop()
        await inProcess.stop()
    }

    /// `https://127.0.0.1:PORT` (or `http://…` without TLS); for a sandbox that does not listen,
    /// `http://in-process.sandbox.invalid`, a name no resolver answers (requests reach it only through `respond`).
    public var url: URL {
        guard server != nil else { return URL(string: "http://in-process.sandbox.invalid") ?? URL(fileURLWithPath: "/") }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        // Built from a validated host and a bound port, so it always parses.
        return URL(string: "\(options.tls ? "https" : "http")://\(host):\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// The user of that name, or the default (first) user.
    public func user(_ name: String? = nil) -> SandboxUser {
        guard let name else { return options.users[0] }
        return options.users.first { $0.name == name } ?? options.users[0]
    }

    /// A client certificate from the sandbox's CA: the server authenticates it as `user` in `groups`.
    /// Throws when serving plain HTTP or not listening, where there is no CA.
    public func issueClientCertificate(user: String, groups: [String] = [], algorithm: KeyAlgorithm = .ecdsaP256) throws
        -> IssuedCertificate
    {
        guard let authority else {
            throw isListening ? SandboxError.noCertificateAuthority() : SandboxError.notListening("a client certificate")
        }
        return try authority.issueClientCertificate(commonName: user, organizations: groups, algorithm: algorithm)
    }

    /// What the KubeAPI client needs to connect with a client certificate instead of a token.
    public func clusterConfig(clientCertificate: IssuedCertificate, namespace: String = "default") -> ClusterConfig {
        ClusterConfig(
            server: url, certificateAuthorityPEM: caCertificatePEM.map { Array($0.utf8) }, namespace: namespace,
            credentials: .fixed(
                Credentials(
                    clientCertificatePEM: Array(clientCertificate.certificatePEM.utf8),
                    clientKeyPEM: Array(clientCertificate.privateKeyPEM.utf8))),
            origin: "podchaosmonkey sandbox at \(url.absoluteString)")
    }

    /// What the KubeAPI client needs to connect as `user`.
    public func clusterConfig(user name: String? = nil, namespace: String = "default") -> ClusterConfig {
        ClusterConfig(
            server: url, certificateAuthorityPEM: caCertificatePEM.map { Array($0.utf8) }, namespace: namespace,
            credentials: .fixed(Credentials(bearerToken: user(name).token)), origin: "podchaosmonkey sandbox at \(url.absoluteString)")
    }
}
