import NIOPosix

/// The event loops the sandbox's HTTP servers accept, handshake and write on, apart from NIO's singleton loops.
///
/// For the reason `DedicatedExecutor` gives: a real API server is another process, and in one process the clients'
/// connections (AsyncHTTPClient runs on NIO's singleton loops) would otherwise queue the sandbox's accepts and TLS
/// handshakes behind their own work, so a busy host could see a connect time out. Shared by every sandbox in the
/// process and, like NIO's singletons, never shut down.
enum SandboxEventLoops {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
}
