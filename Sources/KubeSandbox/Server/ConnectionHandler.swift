import Foundation
import NIOCore
import NIOHTTP1

/// Reads requests from one connection and writes each answer, streaming watches until they end.
struct ConnectionHandler: Sendable {
    let router: APIRouter

    /// Larger bodies answer 413, as the real server caps request bodies (at 3 MiB).
    static let maximumBodyBytes = 3 * 1024 * 1024

    func serve(_ connection: HTTPServer.Connection) async {
        let closed = connection.channel.closeFuture
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body.clear()
                    case .body(var chunk):
                        if body.readableBytes <= Self.maximumBodyBytes { body.writeBuffer(&chunk) }
                    case .end:
                        guard let requestHead = head else { continue }
                        head = nil
                        let keepAlive = try await respond(to: requestHead, body: body, outbound: outbound, closed: closed)
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            // A broken connection ends only itself.
        }
    }

    /// Answers one request; false when the connection must close afterwards.
    private func respond(
        to head: HTTPRequestHead, body: ByteBuffer, outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        closed: EventLoopFuture<Void>
    ) async throws -> Bool {
        var headers: [String: String] = [:]
        for (name, value) in head.headers { headers[name] = value }
        let request = APIRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: Data(body.readableBytesView))
        let response: APIResponse
        if body.readableBytes > Self.maximumBodyBytes {
            response = .error(
                StatusError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728"))
        } else {
            response = await router.handle(request)
        }
        switch response {
        case .full(let status, let payload, let contentType):
            var responseHeaders = Self.commonHeaders(contentType: contentType)
            responseHeaders.add(name: "content-length", value: String(payload.count))
            if !head.isKeepAlive { responseHeaders.add(name: "connection", value: "close") }
            try await outbound.write(
                .head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: responseHeaders)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: payload))))
            try await outbound.write(.end(nil))
            return head.isKeepAlive
        case .watch(let plan):
            try await outbound.write(
                .head(HTTPResponseHead(version: head.version, status: .ok, headers: Self.commonHeaders(contentType: "application/json"))))
            try await WatchStreamer(store: router.store, plan: plan, bookmarkInterval: router.bookmarkInterval).stream(
                to: outbound, closed: closed)
            try await outbound.write(.end(nil))
            return head.isKeepAlive
        }
    }

    private static func commonHeaders(contentType: String) -> HTTPHeaders {
        HTTPHeaders([
            ("content-type", contentType), ("cache-control", "no-cache, private"), ("audit-id", UUID().uuidString.lowercased()),
        ])
    }
}
