import Foundation
import NIOCore
import NIOHTTP1

/// Serves requests made in-process (`Sandbox.respond`) on the sandbox's threads, each exchange a child task of one
/// serving task, as `HTTPServer` serves connections; `RequestResponder` answers them exactly as it answers a connection.
final class InProcessServer: Sendable {
    private struct Exchange: Sendable {
        let request: APIRequest
        let uri: String
        let bodyBytes: Int
        let sink: InProcessSink
    }

    private let exchanges: AsyncStream<Exchange>.Continuation
    private let serving: Task<Void, Never>
    private let connections: ConnectionRegistry

    init(router: APIRouter) {
        let (stream, exchanges) = AsyncStream.makeStream(of: Exchange.self)
        self.exchanges = exchanges
        self.connections = router.connections
        let responder = RequestResponder(router: router)
        self.serving = Task(executorPreference: DedicatedExecutor.sandbox) {
            await withDiscardingTaskGroup { group in
                for await exchange in stream {
                    group.addTask { await Self.serve(exchange, responder: responder) }
                }
                group.cancelAll()
            }
        }
    }

    /// Answers one request; see `Sandbox.respond`.
    func respond(method: String, uri: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> SandboxResponse {
        var fields: [String: String] = [:]
        for (name, value) in headers { fields[name] = value }
        let bytes = body.map { Data($0.readableBytesView.prefix(RequestResponder.maximumBodyBytes + 1)) } ?? Data()
        let sink = InProcessSink()
        let exchange = Exchange(
            request: APIRequest(method: method, uri: uri, headers: fields, body: bytes), uri: uri,
            bodyBytes: body?.readableBytes ?? 0, sink: sink)
        guard case .enqueued = exchanges.yield(exchange) else { throw SandboxError.connectionClosed() }
        return try await sink.head()
    }

    /// Ends every exchange, watches included, and waits for them.
    func stop() async {
        exchanges.finish()
        connections.closeAll()
        serving.cancel()
        await serving.value
    }

    private static func serve(_ exchange: Exchange, responder: RequestResponder) async {
        let sink = exchange.sink
        responder.router.connections.add(sink)
        defer { responder.router.connections.remove(sink) }
        do {
            let outcome = try await responder.respond(
                to: exchange.request, uri: exchange.uri, bodyBytes: exchange.bodyBytes, sink: sink)
            if case .dropped = outcome { sink.drop() }
        } catch {
            // The reader went, or the sandbox is stopping: the exchange ends as a broken connection would.
            sink.drop()
        }
        sink.finish()
    }
}
