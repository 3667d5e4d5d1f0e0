import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL

/// The listening socket and its connections, on SwiftNIO directly so that injected faults can drop connections, cut
/// watches and add latency per request. Over TLS, ALPN offers `h2` and `http/1.1` as kube-apiserver does (or `http/1.1` only);
/// plain HTTP is HTTP/1.1. Each HTTP/1.1 connection and each HTTP/2 stream is served by its own task as an exchange
/// of HTTP/1-typed parts; a watch streams chunked NDJSON (DATA frames on HTTP/2) with the channel's backpressure (a
/// slow reader suspends only its own task).
final class HTTPServer: Sendable {
    /// One HTTP/1.1 connection, or one HTTP/2 stream translated to HTTP/1 parts.
    typealias Exchange = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    /// An HTTP/2 connection and its streams.
    typealias HTTP2Connection = (any Channel, NIOHTTP2Handler.AsyncStreamMultiplexer<Exchange>)
    typealias Negotiated = NIONegotiatedHTTPVersion<Exchange, HTTP2Connection>

    let port: Int
    private let serving: Task<Void, Never>
    private let serverChannel: any Channel
    private let connections: ConnectionRegistry

    private init(port: Int, serving: Task<Void, Never>, serverChannel: any Channel, connections: ConnectionRegistry) {
        self.port = port
        self.serving = serving
        self.serverChannel = serverChannel
        self.connections = connections
    }

    /// - Parameters:
    ///   - tls: the server's TLS context, its ALPN protocols included; nil serves plain HTTP.
    ///   - http2: the HTTP/2 settings a connection that negotiates `h2` starts with.
    static func start(
        host: String, port: Int, tls: NIOSSLContext?, http2: NIOHTTP2Handler.Configuration, router: APIRouter
    ) async throws -> HTTPServer {
        let connections = router.connections
        let server = try await ServerBootstrap(group: SandboxEventLoops.group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                connections.accepted()
                guard let tls else { return plainHTTP(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                }.flatMap { negotiate(channel, http2: http2) }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        let serverChannel = server.channel
        let serving = Task(executorPreference: DedicatedExecutor.sandbox) {
            _ = try? await server.executeThenClose { negotiations in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await negotiation in negotiations {
                            group.addTask { await serve(negotiation, router: router) }
                        }
                    } catch {
                        // The listening socket closed: stop() or a fatal accept error; either way, stop serving.
                    }
                    group.cancelAll()
                }
            }
        }
        return HTTPServer(port: boundPort, serving: serving, serverChannel: serverChannel, connections: connections)
    }

    /// Closes the listening socket and every open connection, watches included.
    func stop() async {
        try? await serverChannel.close()
        connections.closeAll()
        serving.cancel()
        await serving.value
    }

    private static func plainHTTP(_ channel: any Channel) -> EventLoopFuture<EventLoopFuture<Negotiated>> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline()
            return channel.eventLoop.makeSucceededFuture(.http1_1(try Exchange(wrappingChannelSynchronously: channel)))
        }
    }

    /// After the TLS handler: HTTP/2 when ALPN chose `h2`, else HTTP/1.1 (`http/1.1` chosen, or nothing offered).
    private static func negotiate(_ channel: any Channel, http2: NIOHTTP2Handler.Configuration) -> EventLoopFuture<
        EventLoopFuture<Negotiated>
    > {
        channel.configureAsyncHTTPServerPipeline(
            http2Configuration: http2,
            http1ConnectionInitializer: { connection in
                connection.eventLoop.makeCompletedFuture { try Exchange(wrappingChannelSynchronously: connection) }
            },
            http2ConnectionInitializer: { connection in connection.eventLoop.makeSucceededFuture(connection) },
            http2StreamInitializer: { stream in
                stream.eventLoop.makeCompletedFuture {
                    try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                    return try Exchange(wrappingChannelSynchronously: stream)
                }
            }
        )
    }

    /// Serves one connection until it closes: an HTTP/1.1 connection's requests one after another, or an HTTP/2
    /// connection's streams side by side.
    private static func serve(_ negotiation: EventLoopFuture<Negotiated>, router: APIRouter) async {
        let handler = ConnectionHandler(router: router)
        // Nil when the TLS handshake or the negotiation failed; the connection is closed then.
        guard let negotiated = try? await negotiation.get() else { return }
        switch negotiated {
        case .http1_1(let exchange):
            router.connections.add(exchange.channel, speaking: .http1)
            defer { router.connections.remove(exchange.channel) }
            await handler.serve(exchange, connection: exchange.channel)
        case .http2(let (channel, streams)):
            router.connections.add(channel, speaking: .http2)
            defer { router.connections.remove(channel) }
            do {
                try await withThrowingDiscardingTaskGroup { group in
                    for try await stream in streams.inbound {
                        group.addTask { await handler.serve(stream, connection: channel) }
                    }
                }
            } catch {
                // The connection broke; its streams ended with it.
            }
            try? await channel.close()
        }
    }
}
