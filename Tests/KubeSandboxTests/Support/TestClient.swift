import AsyncHTTPClient
import Foundation
import KubeSandbox
import KubeTesting
import NIOCore
import NIOHTTP1
import NIOSSL

/// A plain HTTP client for the sandbox, trusting its CA, independent of the KubeAPI client under construction.
struct TestClient: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: Data
        var version: HTTPVersion = .http1_1
        var json: JSONValue? { try? JSONReader.parse(body) }
    }

    let sandbox: Sandbox
    let client: HTTPClient

    /// - Parameter httpVersion: `.automatic` speaks HTTP/2 when the sandbox offers it, as kubectl does.
    init(
        _ sandbox: Sandbox, clientCertificate: IssuedCertificate? = nil,
        httpVersion: HTTPClient.Configuration.HTTPVersion = .automatic
    ) throws {
        self.sandbox = sandbox
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = sandbox.caCertificatePEM {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8)))
        }
        if let clientCertificate {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(clientCertificate.certificatePEM.utf8)).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(clientCertificate.privateKeyPEM.utf8), format: .pem))
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.httpVersion = httpVersion
        // Over HTTP/1.1, watches hold a connection each; tests open up to 20 at once.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // A bound for a loaded machine, not a timing assertion (as `eventually`'s): the whole suite shares NIO's two
        // event loops, and AsyncHTTPClient's default of 10 s to connect and shake hands failed a test under load.
        configuration.timeout.connect = .seconds(60)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Starts a sandbox with `options` and a client for it, runs `body`, then stops the sandbox and shuts the client
    /// down, whether `body` returned or threw. The sandbox stops first: that closes open watches, so the client has
    /// nothing in flight to wait for.
    @discardableResult
    static func withSandbox<T>(
        _ options: SandboxOptions = SandboxOptions(controllers: false), clientCertificate: IssuedCertificate? = nil,
        httpVersion: HTTPClient.Configuration.HTTPVersion = .automatic, _ body: (Sandbox, TestClient) async throws -> T
    ) async throws -> T {
        let sandbox = try await Sandbox.start(options)
        let client: TestClient
        do {
            client = try TestClient(sandbox, clientCertificate: clientCertificate, httpVersion: httpVersion)
        } catch {
            await sandbox.stop()
            throw error
        }
        let tearDown: (TestClient) async -> Void = { client in
            await sandbox.stop()
            await client.shutdown()
        }
        return try await scoped(client, tearDown: tearDown) { try await body(sandbox, $0) }
    }

    func send(
        _ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String = "application/json", token: String? = nil,
        accept: String = "application/json"
    ) async throws -> Response {
        var request = HTTPClientRequest(url: sandbox.url.absoluteString + path)
        request.method = method
        // An empty token sends no Authorization header at all.
        if token != "" { request.headers.add(name: "Authorization", value: "Bearer \(token ?? sandbox.user().token)") }
        request.headers.add(name: "Accept", value: accept)
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return Response(
            status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView), version: response.version)
    }

    func json(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil, contentType: String = "application/json") async throws
        -> Response
    {
        try await send(method, path, body: body?.data(), contentType: contentType)
    }

    /// Opens a watch and returns the HTTP status, headers and the events as they arrive, one JSON line each.
    func watch(_ path: String) async throws -> (status: Int, headers: HTTPHeaders, events: AsyncThrowingStream<JSONValue, any Error>) {
        var request = HTTPClientRequest(url: sandbox.url.absoluteString + path)
        request.headers.add(name: "Authorization", value: "Bearer \(sandbox.user().token)")
        let response = try await client.execute(request, timeout: .seconds(120))
        let body = response.body
        let events = AsyncThrowingStream<JSONValue, any Error> { continuation in
            let task = Task {
                var pending = Data()
                do {
                    for try await chunk in body {
                        pending.append(contentsOf: chunk.readableBytesView)
                        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                            let line = pending[pending.startIndex..<newline]
                            pending = Data(pending[(newline + 1)...])
                            if !line.isEmpty { continuation.yield(try JSONReader.parse(Data(line))) }
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return (Int(response.status.code), response.headers, events)
    }
}
