import KubeAPI
import Synchronization

@testable import PodChaos

/// Watches a test drives by hand, shared with a `RecoveryObserver` in place of its own: every watch lists nothing,
/// then the pod watches deliver what the test sends, or end with the error it gives.
final class ScriptedWatches: RecoveryWatchSource {
    private struct State {
        /// Each watch's way to deliver an event: it takes the events of its own kind.
        var senders: [@Sendable (Any) -> Void] = []
        /// Each pod watch's way to end with an error.
        var failers: [@Sendable (any Error) -> Void] = []
        var finishers: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())

    func sharedEvents<T: KubernetesObject>(_ type: T.Type, namespace: String?) async -> AsyncThrowingStream<Reflector<T>.Event, any Error>?
    {
        let (stream, continuation) = AsyncThrowingStream<Reflector<T>.Event, any Error>.makeStream()
        continuation.yield(.synced([]))
        state.withLock { state in
            state.senders.append { event in
                if let event = event as? Reflector<T>.Event { continuation.yield(event) }
            }
            if T.self == Pod.self { state.failers.append { continuation.finish(throwing: $0) } }
            state.finishers.append { continuation.finish() }
        }
        return stream
    }

    func send(_ event: Reflector<Pod>.Event) {
        for send in state.withLock({ $0.senders }) { send(event) }
    }

    /// Ends the pod watches with `error`, as an API server that refuses them.
    func fail(_ error: any Error) {
        for fail in state.withLock({ $0.failers }) { fail(error) }
    }

    /// Ends every watch.
    func finish() {
        for finish in state.withLock({ $0.finishers }) { finish() }
    }
}
