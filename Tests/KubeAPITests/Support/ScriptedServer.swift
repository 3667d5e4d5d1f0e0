import Foundation
import KubeTesting
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// What the test server does with one request.
enum ScriptedResponse: Sendable {
    case respond(status: Int, headers: [(String, String)] = [], body: String = "")
    /// A chunked body sent chunk by chunk, exactly as split, with a pause between chunks; then the response ends.
    case chunked(status: Int = 200, chunks: [String], pause: Duration = .zero)
    /// A chunked body of which only `chunks` are sent; then, once `until` returns, the connection is closed before the
    /// body ends. A test that must see what the client made of the chunks before the break passes a gate it opens.
    case cut(status: Int = 200, chunks: [String], until: (@Sendable () async -> Void)? = nil)
    /// Close the connection without answering.
    case reset
    /// Never answer; the connection stays open until the client gives up.
    case stall
    /// A body of raw bytes (invalid UTF-8 among them), with its `Content-Length`.
    case bytes(status: Int = 200, headers: [(String, String)] = [], body: [UInt8])
    /// A chunked body of `prefix`, then `chunk` sent `count` times, each once the one before is written to the socket,
    /// so the server runs ahead of what the client reads by no more than the sockets' buffers; `sent` counts the bytes
    /// written. Ends the body after the last, or stops when the client has closed the connection.
    case repeated(prefix: [UInt8], chunk: [UInt8], count: Int, sent: NIOLockedValueBox<Int>)
}

/// A request as the test server saw it.
struct RecordedRequest: Sendable {
    var method: String
    var uri: String
    var headers: [(String, String)]
    var body: String

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
    var query: [String: String] {
        guard let q = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
        var out: [String: String] = [:]
        for pair in q.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            out[kv[0]] = kv.count > 1 ? (kv[1].removingPercentEncoding ?? kv[1]) : ""
        }
        return out
    }
}

/// A small HTTP(S) server on 127.0.0.1 whose every answer a test scripts: status codes, chunk boundaries,
/// resets and stalls. It records the requests it received.
final class ScriptedServer: Sendable {
    typealias Script = @Sendable (RecordedRequest, Int) async -> ScriptedResponse

    private let channel: any Channel
    private let recorded: NIOLockedValueBox<[RecordedRequest]>
    private let accepted: NIOLockedValueBox<Int>
    let port: Int
    let isTLS: Bool

    var url: URL { URL(string: "\(isTLS ? "https" : "http")://127.0.0.1:\(port)")! }
    var requests: [RecordedRequest] { recorded.withLockedValue { $0 } }
    /// TCP connections accepted so far, TLS handshakes that failed included.
    var connections: Int { accepted.withLockedValue { $0 } }

    /// `script` gets each request and its 0-based index.
    init(tls: TLSConfiguration? = nil, script: @escaping Script) async throws {
        let recorded = NIOLockedValueBox<[RecordedRequest]>([])
        let accepted = NIOLockedValueBox(0)
        let sslContext = try tls.map { try NIOSSLContext(configuration: $0) }
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                accepted.withLockedValue { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(script: script, recorded: recorded))
                }
            }
        self.channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        self.port = channel.localAddress?.port ?? 0
        self.recorded = recorded
        self.accepted = accepted
        self.isTLS = tls != nil
    }

    func stop() async throws {
        try await channel.close()
    }

    /// Runs `body` with a server answering from `script`, and stops it (awaited) whether `body` returned or threw.
    static func with<T>(
        tls: TLSConfiguration? = nil, script: @escaping Script, run body: (ScriptedServer) async throws -> T
    ) async throws -> T {
        try await scoped(try await ScriptedServer(tls: tls, script: script), tearDown: { try? await $0.stop() }, body)
    }
}

private final class ScriptedHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let script: ScriptedServer.Script
    private let recorded: NIOLockedValueBox<[RecordedRequest]>
    private var head: HTTPRequestHead?
    private var body = ""

    init(script: @escaping ScriptedServer.Script, recorded: NIOLockedValueBox<[RecordedRequest]>) {
        self.script = script
        self.recorded = recorded
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = ""
        case .body(var buffer):
            body += buffer.readString(length: buffer.readableBytes) ?? ""
        case .end:
            guard let head else { return }
            let request = RecordedRequest(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let index = recorded.withLockedValue { list in
                list.append(request)
                return list.count - 1
            }
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            let script = self.script
            // On the tests' own threads: on the cooperative pool, behind every other suite's tasks, an answer could
            // come after the client's deadline and turn into a retry the test did not script.
            Task(executorPreference: DedicatedThreadsTrait.executor) {
                let response = await script(request, index)
                loop.execute { self.reply(response, context: bound.value) }
            }
        }
    }

    private func reply(_ response: ScriptedResponse, context: ChannelHandlerContext) {
        switch response {
        case .reset:
            context.close(promise: nil)
        case .stall:
            break
        case .respond(let status, let headers, let body):
            sendWhole(status: status, headers: headers, body: Array(body.utf8), context: context)
        case .chunked(let status, let chunks, let pause):
            sendChunkedHead(status: status, context: context)
            sendChunks(chunks[...], pause: pause, thenCut: false, context: context)
        case .bytes(let status, let headers, let body):
            sendWhole(status: status, headers: headers, body: body, context: context)
        case .repeated(let prefix, let chunk, let count, let sent):
            sendChunkedHead(status: 200, context: context)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: prefix)))), promise: nil)
            sendRepeated(ByteBuffer(bytes: chunk), left: count, sent: sent, context: context)
        case .cut(let status, let chunks, nil):
            sendChunkedHead(status: status, context: context)
            sendChunks(chunks[...], pause: .zero, thenCut: true, context: context)
        case .cut(let status, let chunks, let until?):
            sendChunkedHead(status: status, context: context)
            sendChunks(chunks[...], pause: .zero, thenCut: false, ending: false, context: context)
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            Task {
                await until()
                loop.execute { bound.value.close(promise: nil) }
            }
        }
    }

    private func sendRepeated(_ chunk: ByteBuffer, left: Int, sent: NIOLockedValueBox<Int>, context: ChannelHandlerContext) {
        guard left > 0 else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk)))).whenSuccess {
            sent.withLockedValue { $0 += chunk.readableBytes }
            self.sendRepeated(chunk, left: left - 1, sent: sent, context: bound.value)
        }
    }

    /// A response with a Content-Length: JSON unless `headers` name another Content-Type.
    private func sendWhole(status: Int, headers: [(String, String)], body: [UInt8], context: ChannelHandlerContext) {
        var httpHeaders = HTTPHeaders(headers)
        if !httpHeaders.contains(name: "Content-Type") { httpHeaders.add(name: "Content-Type", value: "application/json") }
        httpHeaders.add(name: "Content-Length", value: "\(body.count)")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: httpHeaders))),
            promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func sendChunkedHead(status: Int, context: ChannelHandlerContext) {
        let headers = HTTPHeaders([("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")])
        context.writeAndFlush(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers))),
            promise: nil)
    }

    /// Sends `chunks`; then closes the connection (`thenCut`), ends the body (`ending`), or leaves both to the caller.
    private func sendChunks(
        _ chunks: ArraySlice<String>, pause: Duration, thenCut: Bool, ending: Bool = true, context: ChannelHandlerContext
    ) {
        guard let first = chunks.first else {
            if thenCut {
                context.close(promise: nil)
            } else if ending {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
            return
        }
        let written = context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: first)))))
        let rest = chunks.dropFirst()
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        if thenCut, rest.isEmpty {
            // Close once the last chunk is on the wire, so the client reads it before the connection ends.
            written.whenComplete { _ in bound.value.close(promise: nil) }
            return
        }
        context.eventLoop.scheduleTask(in: .nanoseconds(pause.nanosecondsForTest)) {
            self.sendChunks(rest, pause: pause, thenCut: thenCut, ending: ending, context: bound.value)
        }
    }
}

extension Duration {
    fileprivate var nanosecondsForTest: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
