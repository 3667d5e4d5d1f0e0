import NIOCore
import Synchronization

/// The client connections: the open ones (in-process exchanges included), so a simulated API server restart can drop
/// them all at once, and how many were accepted and which protocol each negotiated, for tests that count connections.
final class ConnectionRegistry: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var inProcess: [ObjectIdentifier: InProcessSink] = [:]
        var counts = ConnectionCounts()
    }

    private let state = Mutex(State())

    var counts: ConnectionCounts { state.withLock { $0.counts } }

    /// A TCP connection was accepted; its protocol is not known yet (over TLS, ALPN decides it in the handshake).
    func accepted() {
        state.withLock { $0.counts.accepted += 1 }
    }

    /// A connection speaks `version` from now on: it is served until `remove`.
    func add(_ channel: any Channel, speaking version: ConnectionCounts.Version) {
        state.withLock { state in
            state.open[ObjectIdentifier(channel)] = channel
            switch version {
            case .http1: state.counts.http1 += 1
            case .http2: state.counts.http2 += 1
            }
        }
    }

    func remove(_ channel: any Channel) {
        _ = state.withLock { $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// An in-process exchange is open until `remove`; it counts as no connection.
    func add(_ exchange: InProcessSink) {
        state.withLock { $0.inProcess[ObjectIdentifier(exchange)] = exchange }
    }

    func remove(_ exchange: InProcessSink) {
        _ = state.withLock { $0.inProcess.removeValue(forKey: ObjectIdentifier(exchange)) }
    }

    /// Closes every connection and in-process exchange, watches included; the listening socket stays open.
    func closeAll() {
        let (open, inProcess) = state.withLock { (Array($0.open.values), Array($0.inProcess.values)) }
        for channel in open { channel.close(promise: nil) }
        for exchange in inProcess { exchange.drop() }
    }
}
