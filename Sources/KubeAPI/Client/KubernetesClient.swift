import AsyncHTTPClient
import CoreMetrics
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A Kubernetes API client for one cluster: one shared connection pool, exact TLS trust, credentials that
/// refresh, a client-side rate limit, and retries that can never turn one kill into two.
///
/// Every request's last hop is its `APITransport`: HTTP(S) by default (`HTTPTransport`), or one a test passes.
public final class KubernetesClient: Sendable {
    public let config: ClusterConfig
    public let options: ClientOptions
    let logger: Logger
    private let transport: any APITransport
    let limiter: RateLimiter
    /// `options.clock`: every wait of the client and its reflectors sleeps on it.
    let clock: ErasedClock
    private let baseURL: String
    private let baseTLS: TLSConfiguration
    private let tlsForCredentials: TLSCache
    /// `host:port` as dialled, for messages.
    let serverAddress: String
    /// Where the server's certificate must chain to, for messages.
    private let trustSource: String
    /// Set when the HTTP client's own certificate check is not enough to verify the name the kubeconfig asks for.
    private let identityCheck: ServerIdentityCheck?

    /// The connections the watch client opens to the server at most. A watch holds one for minutes: a watch beyond
    /// them waits for a connection until the connect timeout fails it, and retries with backoff.
    ///
    /// Watches speak HTTP/1.1 even to a server that offers HTTP/2, so this is how many watches can run at once.
    /// Over HTTP/2, AsyncHTTPClient opens one connection to a server and, once the server's
    /// `SETTINGS_MAX_CONCURRENT_STREAMS` are in use (kube-apiserver allows 100 unless
    /// `--http2-max-streams-per-connection` says otherwise), queues further requests for a free stream instead of
    /// opening another connection; a queued request fails after the connect timeout. A watch holds its stream for
    /// minutes, so watches past the server's limit would fail and retry, and that limit is the server's, which
    /// AsyncHTTPClient does not report.
    public static let watchConnectionsPerHost = 256

    /// The connections requests that are not watches use at most, over HTTP/1.1; over HTTP/2 they share one.
    static let requestConnectionsPerHost = 8

    /// The largest non-watch response body read whole (a streamed LIST's objects are bounded by `maxObjectBytes`).
    static let maxBodyBytes = 256 * 1024 * 1024

    /// - Parameter transport: carries each request; nil sends it over HTTP(S) to `config.server`, as configured.
    public init(
        config: ClusterConfig, options: ClientOptions = ClientOptions(), logger: Logger? = nil, transport: (any APITransport)? = nil
    ) throws {
        self.config = config
        self.options = options
        self.logger = logger ?? Logger(label: "podchaosmonkey.kubeapi")
        self.clock = ErasedClock(options.clock)
        self.limiter = RateLimiter(qps: options.qps, burst: options.burst, clock: clock)

        guard let scheme = config.server.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = config.server.host, !host.isEmpty
        else {
            throw KubeAPIError.configuration(
                "\(config.origin): server \"\(config.server.absoluteString)\" is not an http(s) URL with a host")
        }
        var dnsOverride: [String: String] = [:]
        var urlHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let serverName = config.tlsServerName, !serverName.isEmpty {
            guard scheme == "https" else {
                throw KubeAPIError.configuration("\(config.origin): tls-server-name is set but the server is not https")
            }
            // Address the server by the TLS name and resolve that name to the real host: certificate
            // verification and SNI then use the name, and the connection still goes where the kubeconfig says.
            dnsOverride[serverName] = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            urlHost = serverName
        }
        let port = config.server.port.map { ":\($0)" } ?? ""
        let prefix = config.server.path.hasSuffix("/") ? String(config.server.path.dropLast()) : config.server.path
        self.baseURL = "\(scheme)://\(urlHost)\(port)\(prefix)"

        let baseTLS = try TransportSecurity.tlsConfiguration(for: config, credentials: nil)
        self.baseTLS = baseTLS
        self.tlsForCredentials = TLSCache(config: config)
        let proxy = try Self.proxy(for: config)
        let dialledHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let dialledPort = config.server.port ?? (scheme == "https" ? 443 : 80)
        self.serverAddress = "\(host):\(dialledPort)"
        self.trustSource =
            config.certificateAuthorityPEM == nil
            ? "a certificate authority the system trusts (the kubeconfig sets none)"
            : "the certificate authority of \(config.origin)"
        let expectedName = config.tlsServerName.flatMap { $0.isEmpty ? nil : $0 } ?? dialledHost
        if scheme == "https", !config.insecureSkipTLSVerify, proxy == nil,
            ServerIdentityCheck.isNeeded(name: expectedName, dialledHost: dialledHost)
        {
            self.identityCheck = ServerIdentityCheck(
                host: dialledHost, port: dialledPort, name: expectedName, timeout: options.connectTimeout)
        } else {
            self.identityCheck = nil
        }
        self.transport = transport ?? HTTPTransport(tls: baseTLS, proxy: proxy, dnsOverride: dnsOverride, options: options)
        if scheme == "http", !ClusterEndpoint.isLoopback(host: host) {
            self.logger.warning(
                "Plain HTTP to a server that is not loopback: requests and their credentials cross the network unencrypted",
                metadata: ["origin": "\(config.origin)", "server": "\(ClusterEndpoint.displayed(config.server))"])
        }
        if config.insecureSkipTLSVerify {
            self.logger.warning(
                "TLS verification is disabled for this cluster (insecure-skip-tls-verify): the server's identity is not checked",
                metadata: ["origin": "\(config.origin)"])
        }
    }

    /// Closes every connection. Call once, before the client is released.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    private static func proxy(for config: ClusterConfig) throws -> HTTPClient.Configuration.Proxy? {
        guard let proxyURL = config.proxyURL else { return nil }
        guard let host = proxyURL.host else {
            throw KubeAPIError.configuration("\(config.origin): proxy-url \"\(proxyURL.absoluteString)\" has no host")
        }
        switch proxyURL.scheme?.lowercased() {
        case "http": return .server(host: host, port: proxyURL.port ?? 80)
        case "socks5": return .socksServer(host: host, port: proxyURL.port ?? 1080)
        default:
            throw KubeAPIError.configuration(
                "\(config.origin): proxy-url scheme \"\(proxyURL.scheme ?? "")\" is not supported (use http or socks5)")
        }
    }

    // MARK: - Sending

    /// Sends `request`, retrying as its retry class allows; throws `KubeAPIError` for anything but 2xx.
    func execute(_ request: APIRequest) async throws -> APIResponse {
        let response = try await perform(request)
        guard (200..<300).contains(response.status) else { throw error(for: response, request: request) }
        return response
    }

    /// Counts `podchaosmonkey_api_errors_total{verb,code}`; `code` is the HTTP status, or `transport`.
    func countError(verb: String, code: String) {
        Counter(
            label: "podchaosmonkey_api_errors_total", dimensions: [("verb", verb), ("code", code)],
            factory: options.metricsFactory ?? MetricsSystem.factory
        ).increment()
    }

    func error(for response: APIResponse, request: APIRequest) -> KubeAPIError {
        countError(verb: request.context.verb, code: String(response.status))
        let status = try? JSONDecoder().decode(Status.self, from: response.body)
        let isStatus = status?.kind == "Status" || status?.reason != nil
        return KubeAPIError.fromResponse(
            httpStatus: response.status, status: isStatus ? status : nil, body: Self.errorBody(response), context: request.context)
    }

    /// An error answer's body as the message to show: its text on one line, or what it is when it is a web page (a
    /// proxy's or a web server's, not the API server's).
    private static func errorBody(_ response: APIResponse) -> String {
        let answer = AnswerExcerpt(status: response.status, headers: response.headers, opening: response.body, size: response.body.count)
        guard answer.isHTML else { return EchoedText.escaped(String(decoding: answer.opening, as: UTF8.self), quotes: false) }
        return "the answer is an HTML page of \(response.body.count) bytes, not from a Kubernetes API server (is the server URL right?): "
            + answer.summary
    }

    /// Sends `request` with retries, and returns the last answer whatever its status. The request timeout bounds all
    /// attempts together; each request is logged at debug, its attempts, retries and sizes at trace.
    func perform(_ request: APIRequest) async throws -> APIResponse {
        switch try await exchange(request, streaming: false) {
        case .answered(let response): return response
        case .streaming(let head, let attempts): return try await Self.collect(head, attempts: attempts)
        }
    }

    /// Sends `request` as `execute` does, and returns its 2xx answer with the body unread, for the caller to stream.
    /// The request timeout bounds the attempts until that answer's head; reading its body is bounded by the idle read
    /// timeout only. A `watch` goes over the watch connections, is not bounded by the request timeout (its
    /// server-side timeout ends it), and a 410 answer to it is `watchExpired`.
    func executeStreaming(_ request: APIRequest, watch: Bool = false) async throws -> HTTPClientResponse {
        switch try await exchange(request, streaming: true, watch: watch) {
        case .streaming(let head, _): return head
        case .answered(let response) where watch && response.status == 410:
            let status = try? JSONDecoder().decode(Status.self, from: response.body)
            throw KubeAPIError.watchExpired(status: status, context: request.context)
        case .answered(let response): throw error(for: response, request: request)
        }
    }

    /// How an exchange ended: an answer read whole, or a 2xx answer whose body is still to be read.
    private enum Exchange {
        case answered(APIResponse)
        case streaming(HTTPClientResponse, attempts: Int)
    }

    /// The one retry loop of every request, watches included: transport failures, 401 re-authentication, retryable
    /// statuses and `Retry-After`, waiting on the client's clock. With `streaming`, a 2xx answer is returned as soon
    /// as its head arrives; every other answer is read whole, so retries, re-authentication and errors work alike.
    private func exchange(_ request: APIRequest, streaming: Bool, watch: Bool = false) async throws -> Exchange {
        let start = ContinuousClock.now
        // The request timeout is a budget on the client's clock; each attempt may use what is left of it.
        let deadline = watch ? nil : options.requestTimeout.map { clock.now.advanced(by: $0) }
        var attempt = 0
        var reauthenticated = false
        while true {
            attempt += 1
            try await limiter.acquire()
            let response: APIResponse
            do {
                let left = deadline.map { ContinuousClock.now + clock.now.duration(to: $0) }
                let head = try await send(request, stream: watch ? .watch : .request, deadline: left)
                if streaming, (200..<300).contains(Int(head.status.code)) {
                    logger.debug("\(requestLine(request)) \(head.status.code) in \(Self.milliseconds(since: start)) (streaming the body)")
                    return .streaming(head, attempts: attempt)
                }
                response = try await Self.collect(head, attempts: attempt)
            } catch let error as KubeAPIError {
                logger.debug("\(requestLine(request)) failed after \(Self.milliseconds(since: start)): \(error)")
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let failure = transportFailure(error)
                await connectionFailed()
                let limit = request.retry == .never ? 1 : failure.attemptLimit(options.retry)
                let delay = options.retry.delay(beforeRetry: attempt, random: Double.random(in: 0..<1))
                guard attempt < limit, fits(delay, before: deadline) else {
                    countError(verb: request.context.verb, code: "transport")
                    logger.debug("\(requestLine(request)) failed after \(Self.milliseconds(since: start)): \(failure)")
                    throw KubeAPIError.transport(failure, attempts: attempt, context: request.context)
                }
                logger.trace("\(requestLine(request)) attempt \(attempt) failed (\(failure)); retrying in \(delay)")
                try await clock.sleep(for: delay)
                continue
            }
            logger.trace(
                "\(requestLine(request)) attempt \(attempt): HTTP \(response.status), sent \(request.body?.count ?? 0) bytes, received \(response.body.count) bytes"
            )
            if response.status == 401, !reauthenticated, case .provider(let provider) = config.credentials {
                // Exec plugins and rotated tokens: fetch fresh credentials once, as kubectl does.
                reauthenticated = true
                await provider.invalidate()
                attempt -= 1
                continue
            }
            guard let delay = retryDelay(for: response, request: request, attempt: attempt), fits(delay, before: deadline)
            else {
                logger.debug("\(requestLine(request)) \(response.status) in \(Self.milliseconds(since: start))")
                return .answered(response)
            }
            logger.trace("\(requestLine(request)) retrying HTTP \(response.status) in \(delay)")
            try await clock.sleep(for: delay)
        }
    }

    /// An answer read whole, up to `maxBodyBytes`.
    private static func collect(_ head: HTTPClientResponse, attempts: Int) async throws -> APIResponse {
        let body = try await head.body.collect(upTo: maxBodyBytes)
        return APIResponse(status: Int(head.status.code), headers: head.headers, body: Data(body.readableBytesView), attempts: attempts)
    }

    /// `GET https://host:port/path?query`: the method and URL, which carry no credentials.
    func requestLine(_ request: APIRequest) -> String {
        "\(request.method.rawValue) \(baseURL)\(request.pathAndQuery)"
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return "\(Int((elapsed.seconds * 1000).rounded())) ms"
    }

    /// Whether waiting `delay` on the client's clock still leaves time before `deadline`.
    private func fits(_ delay: Duration, before deadline: ErasedClock.Instant?) -> Bool {
        deadline.map { clock.now.advanced(by: delay) < $0 } ?? true
    }

    private func retryDelay(for response: APIResponse, request: APIRequest, attempt: Int) -> Duration? {
        guard attempt < options.retry.maxAttempts else { return nil }
        switch (request.retry, response.status) {
        case (.read, 429), (.read, 500), (.read, 502), (.read, 503), (.read, 504),
            (.guardedKill, 500), (.guardedKill, 502), (.guardedKill, 503), (.guardedKill, 504):
            break
        default:
            return nil
        }
        if let header = response.headers.first(name: "Retry-After"), let seconds = Int(header.trimmingCharacters(in: .whitespaces)) {
            let wait = Duration.seconds(max(0, seconds))
            return wait <= options.retry.maxRetryAfter ? wait : nil
        }
        return options.retry.delay(beforeRetry: attempt, random: Double.random(in: 0..<1))
    }

    /// One attempt, without retries; used directly by watches (`stream: .watch`), which stream the body.
    func send(
        _ request: APIRequest, stream: APIStream = .request, accept: String = "application/json",
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> HTTPClientResponse {
        var http = HTTPClientRequest(url: baseURL + request.pathAndQuery)
        http.method = request.method
        http.headers.add(name: "User-Agent", value: options.userAgent)
        http.headers.add(name: "Accept", value: accept)
        if let body = request.body {
            http.body = .bytes(ByteBuffer(bytes: body))
            http.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
        }
        let credentials = try await currentCredentials()
        var tls = baseTLS
        if let credentials {
            if let token = credentials.bearerToken, !token.isEmpty {
                http.headers.add(name: "Authorization", value: "Bearer \(token)")
            } else if let user = credentials.username, let password = credentials.password {
                http.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
            }
            if credentials.clientCertificatePEM != nil {
                tls = try await tlsForCredentials.configuration(for: credentials)
                http.tlsConfiguration = tls
            }
        }
        try await identityCheck?.verify(tls: tls)
        if let deadline, deadline <= ContinuousClock.now { throw HTTPClientError.deadlineExceeded }
        return try await transport.execute(http, stream: stream, deadline: deadline)
    }

    /// Forgets the server's verified identity after a connection failure: the next connection is checked again.
    func connectionFailed() async {
        await identityCheck?.forget()
    }

    /// Classifies a transport error of this client's server.
    func transportFailure(_ error: any Error) -> TransportFailure {
        transportFailure(error, requestTimeout: options.requestTimeout)
    }

    /// Classifies a transport error of a request bounded by `requestTimeout` rather than the client's.
    func transportFailure(_ error: any Error, requestTimeout: Duration?) -> TransportFailure {
        TransportFailure(error, server: serverAddress, trust: trustSource, requestTimeout: requestTimeout)
    }

    private func currentCredentials() async throws -> Credentials? {
        switch config.credentials {
        case .none: return nil
        case .fixed(let credentials): return credentials
        case .provider(let provider):
            do {
                return try await provider.credentials()
            } catch let error as KubeAPIError {
                throw error
            } catch {
                throw KubeAPIError.configuration("\(config.origin): cannot get credentials: \(error)")
            }
        }
    }
}

/// Client-certificate TLS configurations by credential, so a rotating exec-plugin certificate reuses the pool.
private actor TLSCache {
    private let config: ClusterConfig
    private var cached: (Credentials, TLSConfiguration)?

    init(config: ClusterConfig) { self.config = config }

    func configuration(for credentials: Credentials) throws -> TLSConfiguration {
        if let cached, cached.0 == credentials { return cached.1 }
        let tls = try TransportSecurity.tlsConfiguration(for: config, credentials: credentials)
        cached = (credentials, tls)
        return tls
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
