import AsyncHTTPClient
import KubeAPI
import NIOCore

/// `WebhookTransport` over AsyncHTTPClient. Each request, from connecting to the last byte of the answer, is bounded
/// by `timeout` measured on `clock`; a connection that cannot be made fails the request at once, so that the
/// sender's retry policy alone decides whether and when to try again.
struct HTTPWebhookTransport: WebhookTransport {
    /// No answer within the request timeout.
    struct Timeout: Error, CustomStringConvertible {
        let after: Duration
        var description: String { "no answer within \(GoDuration.format(after, precision: .readable))" }
    }

    let client: HTTPClient
    let timeout: Duration
    let clock: any Clock<Duration>

    /// Runs `body` with a transport over `client`, or over a client of its own that is shut down when `body` returns.
    static func with<Result>(
        client: HTTPClient?, options: WebhookOptions, clock: any Clock<Duration>,
        _ body: (HTTPWebhookTransport) async throws -> Result
    ) async rethrows -> Result {
        if let client {
            return try await body(HTTPWebhookTransport(client: client, timeout: options.requestTimeout, clock: clock))
        }
        let own = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration(options))
        let result: Result
        do {
            result = try await body(HTTPWebhookTransport(client: own, timeout: options.requestTimeout, clock: clock))
        } catch {
            try? await own.shutdown()
            throw error
        }
        try? await own.shutdown()
        return result
    }

    func post(_ request: WebhookRequest) async throws -> WebhookResponse {
        let (timeout, clock) = (self.timeout, self.clock)
        return try await withThrowingTaskGroup(of: WebhookResponse?.self) { group in
            defer { group.cancelAll() }
            group.addTask { try await self.exchange(request) }
            group.addTask {
                try await clock.sleep(for: timeout)
                return nil
            }
            guard let response = try await group.next() ?? nil else { throw Timeout(after: timeout) }
            return response
        }
    }

    private func exchange(_ request: WebhookRequest) async throws -> WebhookResponse {
        var http = HTTPClientRequest(url: request.url.absoluteString)
        http.method = .POST
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        http.body = .bytes(Array(request.body))
        // `post` bounds the request on its clock and cancels it; the client needs no deadline of its own.
        let response = try await client.execute(http, deadline: .distantFuture)
        // Read and discard the answer so that the connection can be reused; status and headers say all.
        do {
            for try await _ in response.body {}
        } catch {}
        return WebhookResponse(status: Int(response.status.code), headers: response.headers)
    }

    private static func configuration(_ options: WebhookOptions) -> HTTPClient.Configuration {
        let connect = TimeAmount.milliseconds(Int64(min(options.requestTimeout.inSeconds, 86_400) * 1000))
        // A redirect would send the body somewhere nobody configured.
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: connect))
        // A refused connection fails the attempt at once; the sender's backoff decides when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }
}
