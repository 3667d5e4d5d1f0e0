import Synchronization

/// Hands the address the server actually bound (port 0 picks one) to whoever waits for it, or the reason it never did.
final class ListeningSignal: Sendable {
    private enum State {
        case waiting([CheckedContinuation<ListenAddress, any Error>])
        case resolved(Result<ListenAddress, StatusServerError>)
    }

    private let state = Mutex<State>(.waiting([]))

    func wait() async throws(StatusServerError) -> ListenAddress {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                state.withLock { state in
                    switch state {
                    case .waiting(var waiters):
                        waiters.append(continuation)
                        state = .waiting(waiters)
                    case .resolved(let result):
                        continuation.resume(with: result)
                    }
                }
            }
        } catch let error as StatusServerError {
            throw error
        } catch {
            preconditionFailure("ListeningSignal only resolves with StatusServerError, got \(error)")
        }
    }

    /// The first resolution wins: a server that listened and later stopped keeps reporting where it listened.
    func resolve(_ result: Result<ListenAddress, StatusServerError>) {
        let waiters = state.withLock { state -> [CheckedContinuation<ListenAddress, any Error>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .resolved(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    var isResolved: Bool {
        state.withLock { state in
            if case .resolved = state { return true }
            return false
        }
    }
}
