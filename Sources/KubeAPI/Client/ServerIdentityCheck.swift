import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import X509

/// Makes sure the API server's certificate names the host the kubeconfig asks for (its `tls-server-name`, else the
/// server URL's host) before any request carries credentials to it.
///
/// The HTTP client's own check also accepts a certificate whose IP address entry matches the address dialled, whatever
/// name was asked for; kubectl does not. So a TLS handshake of its own, with the same trust and client certificate as the
/// requests, checks the certificate the way kubectl does: before the first request, and again after any connection
/// failure (when the next request opens a new connection). Callers arriving while a check runs share it.
actor ServerIdentityCheck {
    let host: String
    let port: Int
    let name: String
    private let timeout: Duration
    private var verified = false
    private var inFlight: Task<Void, any Error>?

    init(host: String, port: Int, name: String, timeout: Duration) {
        self.host = host
        self.port = port
        self.name = name
        self.timeout = timeout
    }

    /// Whether `name` needs a check of its own: the HTTP client's check is right only for the very IP address it dials.
    static func isNeeded(name: String, dialledHost: String) -> Bool {
        guard let address = CertificateNames.ipAddressBytes(name) else { return true }
        return CertificateNames.ipAddressBytes(dialledHost) != address
    }

    func verify(tls: TLSConfiguration) async throws {
        if verified { return }
        if let inFlight { return try await inFlight.value }
        let (host, port, name, timeout) = (self.host, self.port, self.name, self.timeout)
        let task = Task { try await Self.handshake(host: host, port: port, name: name, tls: tls, timeout: timeout) }
        inFlight = task
        defer { inFlight = nil }
        try await task.value
        verified = true
    }

    /// The next request checks again: it may open a new connection.
    func forget() {
        verified = false
    }

    private static func handshake(host: String, port: Int, name: String, tls: TLSConfiguration, timeout: Duration) async throws {
        var probe = tls
        probe.certificateVerification = .noHostnameVerification
        let context = try NIOSSLContext(configuration: probe)
        let serverName = CertificateNames.ipAddressBytes(name) == nil ? name : nil
        let handshake = HTTPClient.defaultEventLoopGroup.any().makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: HTTPClient.defaultEventLoopGroup)
                .connectTimeout(.nanoseconds(timeout.nanoseconds))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        try channel.pipeline.syncOperations.addHandler(HandshakeOutcome(handshake, timeout: timeout))
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            handshake.fail(error)
            throw error
        }
        do {
            try await handshake.futureResult.get()
            let leaf = try await channel.nioSSL_peerCertificate().get()
            let names = try leaf.map { try CertificateNames(Certificate(derEncoded: try $0.toDERBytes())) }
            guard let names, names.cover(name) else {
                throw TransportFailure(.tls, "the certificate of \(host):\(port) is not valid for \"\(name)\"")
            }
        } catch {
            try? await channel.close()
            throw error
        }
        try? await channel.close()
    }
}

extension CertificateNames {
    init(_ certificate: Certificate) throws {
        let names = try certificate.extensions.subjectAlternativeNames.map(Array.init) ?? []
        self.init(
            dnsNames: names.compactMap { if case .dnsName(let name) = $0 { name } else { nil } },
            ipAddresses: names.compactMap { if case .ipAddress(let bytes) = $0 { Array(bytes.bytes) } else { nil } })
    }
}

/// Completes `promise` when the TLS handshake does, or fails it with the handshake's error, the connection's end, or the
/// timeout.
private final class HandshakeOutcome: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let promise: EventLoopPromise<Void>
    private let timeout: Duration

    init(_ promise: EventLoopPromise<Void>, timeout: Duration) {
        self.promise = promise
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let promise = self.promise
        let timer = context.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
            promise.fail(HTTPClientError.connectTimeout)
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { promise.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}
