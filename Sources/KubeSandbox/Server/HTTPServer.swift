import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The listening socket and its connections, on SwiftNIO directly so part 2 can drop connections, cut watches and
/// add latency per request. Each connection is served by its own task; a watch streams chunked NDJSON with the
/// channel's backpressure (a slow reader suspends only its own task).
final class HTTPServer: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let port: Int
    private let serving: Task<Void, Never>
    private let serverChannel: any Channel

    private init(port: Int, serving: Task<Void, Never>, serverChannel: any Channel) {
        self.port = port
        self.serving = serving
        self.serverChannel = serverChannel
    }

    static func start(host: String, port: Int, tls: NIOSSLContext?, router: APIRouter) async throws -> HTTPServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        let serverChannel = server.channel
        let serving = Task(executorPreference: DedicatedExecutor.sandbox) {
            _ = try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await ConnectionHandler(router: router).serve(connection) }
                        }
                    } catch {
                        // The listening socket closed: stop() or a fatal accept error; either way, stop serving.
                    }
                    group.cancelAll()
                }
            }
        }
        return HTTPServer(port: boundPort, serving: serving, serverChannel: serverChannel)
    }

    /// Closes the listening socket and every open connection, watches included.
    func stop() async {
        try? await serverChannel.close()
        serving.cancel()
        await serving.value
    }
}
