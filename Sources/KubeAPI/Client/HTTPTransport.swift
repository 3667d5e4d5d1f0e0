import AsyncHTTPClient
import NIOCore
import NIOSSL

/// The default `APITransport`: HTTP(S) with AsyncHTTPClient, one connection pool for requests and one for watches.
///
/// Requests that are not watches use HTTP/2 when the server offers it (ALPN `h2`, as kube-apiserver does): they share
/// one TLS connection, a stream each. Watches always use HTTP/1.1, a connection each (see
/// `KubernetesClient.watchConnectionsPerHost`).
final class HTTPTransport: APITransport {
    private let requestClient: HTTPClient
    private let watchClient: HTTPClient

    init(tls: TLSConfiguration, proxy: HTTPClient.Configuration.Proxy?, dnsOverride: [String: String], options: ClientOptions) {
        func makeClient(read: Duration?, connectionsPerHost: Int, httpVersion: HTTPClient.Configuration.HTTPVersion) -> HTTPClient {
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tls,
                redirectConfiguration: .disallow,
                timeout: .init(connect: .nanoseconds(options.connectTimeout.nanoseconds), read: read.map { .nanoseconds($0.nanoseconds) }),
                proxy: proxy
            )
            configuration.dnsOverride = dnsOverride
            configuration.httpVersion = httpVersion
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
            // A failed connection fails the request at once; `perform` decides whether and how soon to try again.
            configuration.connectionPool.retryConnectionEstablishment = false
            return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        }
        // HTTP/2 when the server offers it. The pool then opens one connection, and requests that arrive before it
        // is up wait for it rather than open their own; it falls back to HTTP/1.1 connections when the server
        // chooses `http/1.1`. A request holds its stream only until its answer is read, so streams free up quickly.
        self.requestClient = makeClient(
            read: options.requestTimeout, connectionsPerHost: KubernetesClient.requestConnectionsPerHost, httpVersion: .automatic)
        // A watch may be silent until its server-side timeout; the idle limit only has to catch a dead peer. Each
        // HTTP/1.1 watch holds a connection for minutes, so the pool must not make one watch wait for another.
        self.watchClient = makeClient(
            read: options.minWatchTimeout * 2 + .seconds(60), connectionsPerHost: KubernetesClient.watchConnectionsPerHost,
            httpVersion: .http1Only)
    }

    func execute(_ request: HTTPClientRequest, stream: APIStream, deadline: ContinuousClock.Instant?) async throws
        -> HTTPClientResponse
    {
        let client = stream == .watch ? watchClient : requestClient
        // No deadline is no deadline: a watch ends by its server-side timeout, and nil `requestTimeout` means no limit.
        let until = deadline.map { NIODeadline.now() + .nanoseconds(($0 - ContinuousClock.now).nanoseconds) } ?? .distantFuture
        return try await client.execute(request, deadline: until, logger: nil)
    }

    func shutdown() async throws {
        try await requestClient.shutdown()
        try await watchClient.shutdown()
    }
}
