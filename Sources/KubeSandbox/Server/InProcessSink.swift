import NIOCore
import NIOHTTP1
import Synchronization

/// Hands one answer to an in-process caller: `answer` and `startStream` resume the caller waiting in `head`; a
/// streamed body goes to the caller as `SandboxResponse.Chunks`. The reader letting go of it (or being cancelled)
/// closes the exchange, which ends its watch; `drop` fails whatever the caller still waits for with a connection error.
final class InProcessSink: ResponseSink {
    private struct State {
        var head: CheckedContinuation<SandboxResponse, any Error>?
        /// The answer (or failure) that came before the caller waited for it; once handed over, a failure that
        /// keeps later resumptions from counting.
        var early: Result<SandboxResponse, any Error>?
        var closeActions: [@Sendable () -> Void] = []
        var closed = false
        /// The streamed body until `startStream` hands it to the caller; the sink keeps no reference to it after.
        var body: AsyncThrowingStream<ByteBuffer, any Error>?
    }

    private let state: Mutex<State>
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    init() {
        let (body, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        state = Mutex(State(body: body))
        self.continuation = continuation
        // A reader cancelled while waiting for a chunk.
        continuation.onTermination = { [weak self] _ in self?.close() }
    }

    /// Waits for the answer's head; throws when the exchange was dropped or the caller is cancelled.
    func head() async throws -> SandboxResponse {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { waiting in
                let early: Result<SandboxResponse, any Error>? = state.withLock { state in
                    guard let early = state.early else {
                        state.head = waiting
                        return nil
                    }
                    // Handed over: the sink must not keep the body, whose release is what ends a watch.
                    state.early = .failure(SandboxError.connectionClosed())
                    return early
                }
                if let early { waiting.resume(with: early) }
            }
        } onCancel: {
            resume(with: .failure(CancellationError()))
            close()
        }
    }

    func answer(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) async throws {
        continuation.finish()
        resume(with: .success(SandboxResponse(status: status, headers: headers, body: .whole(body))))
    }

    func startStream(headers: HTTPHeaders) async throws {
        let taken = state.withLock { state in
            defer { state.body = nil }
            return state.body
        }
        guard let body = taken else { return }
        let chunks = SandboxResponse.Chunks(chunks: body, closer: SandboxResponse.Closer { [weak self] in self?.close() })
        resume(with: .success(SandboxResponse(status: .ok, headers: headers, body: .stream(chunks))))
    }

    func write(_ chunk: ByteBuffer) async throws {
        if case .terminated = continuation.yield(chunk) { throw SandboxError.connectionClosed() }
    }

    func end() async throws {
        continuation.finish()
    }

    func onClose(_ action: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            if state.closed { return true }
            state.closeActions.append(action)
            return false
        }
        if runNow { action() }
    }

    /// Fails the caller: the head it waits for, or the body it reads.
    func drop() {
        resume(with: .failure(SandboxError.connectionClosed()))
        continuation.finish(throwing: SandboxError.connectionClosed())
        close()
    }

    /// The exchange ended without an answer (a dropped connection, an error while serving): the caller must not wait.
    func finish() {
        resume(with: .failure(SandboxError.connectionClosed()))
    }

    private func resume(with result: Result<SandboxResponse, any Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<SandboxResponse, any Error>? in
            if let waiting = state.head {
                state.head = nil
                state.early = .failure(SandboxError.connectionClosed())
                return waiting
            }
            if state.early == nil { state.early = result }
            return nil
        }
        waiting?.resume(with: result)
    }

    private func close() {
        let actions = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.closed else { return [] }
            state.closed = true
            defer { state.closeActions = [] }
            return state.closeActions
        }
        for action in actions { action() }
    }
}
