import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Reads requests from one HTTP/1.1 connection, or the one request of an HTTP/2 stream, and writes each answer,
/// streaming watches until they end.
struct ConnectionHandler: Sendable {
    let router: APIRouter

    /// Larger bodies answer 413, as the real server caps request bodies (at 3 MiB).
    static let maximumBodyBytes = 3 * 1024 * 1024

    func serve(_ exchange: HTTPServer.Exchange) async {
        let channel = exchange.channel
        // An HTTP/2 stream's TLS and TCP are its parent's.
        let connection = channel.parent ?? channel
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
                        if body.readableBytes <= Self.maximumBodyBytes { body.writeBuffer(&chunk) }
                    case .end:
                        guard let requestHead = head else { continue }
                        head = nil
                        if certificateUser == nil {
                            let certificate = try? await connection.nioSSL_peerCertificate().get()
                            certificateUser = .some(certificate.flatMap(ClientCertificateIdentity.user(from:)))
                        }
                        let keepAlive = try await respond(
                            to: requestHead, body: body, user: certificateUser ?? nil, outbound: outbound, channel: channel)
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            // A broken connection ends only itself.
        }
    }

    /// Answers one request; false when the exchange must close afterwards (see `staysOpen(after:)`).
    ///
    /// - Parameter channel: the HTTP/1.1 connection or HTTP/2 stream; its closing ends a watch even while idle.
    private func respond(
        to head: HTTPRequestHead, body: ByteBuffer, user: SandboxUser?, outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        channel: any Channel
    ) async throws -> Bool {
        let closed = channel.closeFuture
        var headers: [String: String] = [:]
        for (name, value) in head.headers { headers[name] = value }
        let request = APIRequest(
            method: head.method.rawValue, uri: head.uri, headers: headers, body: Data(body.readableBytesView), user: user)
        let authenticated = await router.authenticate(request)
        var eventLimit: Int?
        // The admin endpoint is exempt, so a plan that drops everything can still be cleared.
        if request.segments.first != FaultsEndpoint.segments[0],
            let fault = await router.faults.decide(
                FaultRequest(verb: request.kubernetesVerb, path: head.uri, user: authenticated?.name))
        {
            switch fault.action {
            case .status(let injected):
                let response = APIResponse.json(
                    (try? JSONValue(encoding: injected.body)) ?? .null, status: injected.code,
                    headers: injected.headers.map { APIResponse.HTTPHeader(name: $0.name, value: $0.value) })
                return try await write(response, for: head, outbound: outbound, closed: closed)
            case .latency(let delay):
                try await Task.sleep(for: delay)
            case .dropBeforeRequest:
                Self.dropConnection(of: channel)
                return false
            case .dropAfterApply:
                if case .watch(let plan) = await router.handle(request, as: authenticated), let subscription = plan.subscription {
                    await router.store.stopWatch(subscription.id)
                }
                Self.dropConnection(of: channel)
                return false
            case .cutWatchAfterEvents(let count):
                eventLimit = count
            case .expireNextWatch:
                let requested = request.parameter("resourceVersion") ?? "0"
                let event = ExpiredWatch.event(requested: requested, current: await router.store.currentResourceVersion)
                try await outbound.write(
                    .head(
                        HTTPResponseHead(version: head.version, status: .ok, headers: Self.commonHeaders(contentType: "application/json"))))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: event.jsonLine()))))
                try await outbound.write(.end(nil))
                return Self.staysOpen(after: head)
            case .restart:
                router.connections.closeAll()
                return false
            }
        }
        let response: APIResponse
        if body.readableBytes > Self.maximumBodyBytes {
            response = .error(
                StatusError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728"))
        } else {
            response = await router.handle(request, as: authenticated)
        }
        return try await write(response, for: head, outbound: outbound, closed: closed, eventLimit: eventLimit)
    }

    private func write(
        _ response: APIResponse, for head: HTTPRequestHead, outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        closed: EventLoopFuture<Void>, eventLimit: Int? = nil
    ) async throws -> Bool {
        switch response {
        case .full(let status, let payload, let contentType, let extraHeaders):
            var responseHeaders = Self.commonHeaders(contentType: contentType)
            for header in extraHeaders { responseHeaders.add(name: header.name, value: header.value) }
            responseHeaders.add(name: "content-length", value: String(payload.count))
            if !Self.staysOpen(after: head) { responseHeaders.add(name: "connection", value: "close") }
            try await outbound.write(
                .head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: responseHeaders)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: payload))))
            try await outbound.write(.end(nil))
            return Self.staysOpen(after: head)
        case .watch(let plan):
            try await outbound.write(
                .head(HTTPResponseHead(version: head.version, status: .ok, headers: Self.commonHeaders(contentType: "application/json"))))
            try await WatchStreamer(store: router.store, plan: plan, bookmarkInterval: router.bookmarkInterval, eventLimit: eventLimit)
                .stream(to: outbound, closed: closed)
            try await outbound.write(.end(nil))
            return Self.staysOpen(after: head)
        }
    }

    /// Whether the exchange stays open once this request is answered: an HTTP/1.1 connection unless the request said
    /// otherwise; an HTTP/2 stream always, as it closes by itself once both sides have ended it. Closing a stream
    /// earlier would reset it and drop what its flow-control window still holds back of the answer.
    private static func staysOpen(after head: HTTPRequestHead) -> Bool {
        head.version.major >= 2 || head.isKeepAlive
    }

    /// Closes the TCP connection, with every HTTP/2 stream on it, as a network failure would.
    private static func dropConnection(of channel: any Channel) {
        (channel.parent ?? channel).close(promise: nil)
    }

    private static func commonHeaders(contentType: String) -> HTTPHeaders {
        HTTPHeaders([
            ("content-type", contentType), ("cache-control", "no-cache, private"), ("audit-id", UUID().uuidString.lowercased()),
        ])
    }
}
