import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Reads requests from one HTTP/1.1 connection, or the one request of an HTTP/2 stream, and has `RequestResponder`
/// answer each, streaming watches until they end.
struct ConnectionHandler: Sendable {
    let router: APIRouter

    /// `connection`: the TCP connection, whose TLS session names the client certificate — the exchange's own channel
    /// for HTTP/1.1, the parent of an HTTP/2 stream.
    func serve(_ exchange: HTTPServer.Exchange, connection: any Channel) async {
        let channel = exchange.channel
        do {
            try await exchange.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                // Read once the handshake is done, i.e. when the first request has arrived.
                var certificateUser: SandboxUser??
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body.clear()
                    case .body(var chunk):
                        if body.readableBytes <= RequestResponder.maximumBodyBytes { body.writeBuffer(&chunk) }
                    case .end:
                        guard let requestHead = head else { continue }
                        head = nil
                        if certificateUser == nil {
                            let certificate = try? await connection.nioSSL_peerCertificate().get()
                            certificateUser = .some(certificate.flatMap(ClientCertificateIdentity.user(from:)))
                        }
                        var headers: [String: String] = [:]
                        for (name, value) in requestHead.headers { headers[name] = value }
                        let request = APIRequest(
                            method: requestHead.method.rawValue, uri: requestHead.uri, headers: headers,
                            body: Data(body.readableBytesView), user: certificateUser ?? nil)
                        let sink = ConnectionSink(head: requestHead, outbound: outbound, channel: channel)
                        let outcome = try await RequestResponder(router: router).respond(
                            to: request, uri: requestHead.uri, bodyBytes: body.readableBytes, sink: sink)
                        guard case .answered = outcome, sink.staysOpen else { return }
                    }
                }
            }
        } catch {
            // A broken connection ends only itself.
        }
    }
}

/// Writes one answer to an HTTP/1.1 connection or HTTP/2 stream.
private struct ConnectionSink: ResponseSink {
    let head: HTTPRequestHead
    let outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    /// The HTTP/1.1 connection or HTTP/2 stream; its closing ends a watch even while idle.
    let channel: any Channel

    /// Whether the exchange stays open once this request is answered: an HTTP/1.1 connection unless the request said
    /// otherwise; an HTTP/2 stream always, as it closes by itself once both sides have ended it. Closing a stream
    /// earlier would reset it and drop what its flow-control window still holds back of the answer.
    var staysOpen: Bool { head.version.major >= 2 || head.isKeepAlive }

    func answer(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) async throws {
        var headers = headers
        if !staysOpen { headers.add(name: "connection", value: "close") }
        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(body)))
        try await outbound.write(.end(nil))
    }

    func startStream(headers: HTTPHeaders) async throws {
        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers)))
    }

    func write(_ chunk: ByteBuffer) async throws {
        try await outbound.write(.body(.byteBuffer(chunk)))
    }

    func end() async throws {
        try await outbound.write(.end(nil))
    }

    func onClose(_ action: @escaping @Sendable () -> Void) {
        channel.closeFuture.whenComplete { _ in action() }
    }

    /// Closes the TCP connection, with every HTTP/2 stream on it.
    func drop() {
        (channel.parent ?? channel).close(promise: nil)
    }
}
