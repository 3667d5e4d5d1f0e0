import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a credential plugin to completion: stdout and stderr drained concurrently (so a chatty plugin cannot fill a
/// pipe and deadlock), stdin closed (there is no terminal), and a SIGKILL to its whole process group when it runs past the
/// timeout, so that what it started does not outlive it.
struct PluginProcess {
    struct Outcome: Sendable {
        enum Termination: Sendable, Equatable {
            case exited(Int32)
            case signalled(Int32)
        }

        var termination: Termination
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    enum Failure: Error {
        case launch(String)
        case timedOut
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var timeout: Duration

    func run() async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let gate = CompletionGate()

        return try await withCheckedThrowingContinuation { continuation in
            gate.install(continuation)
            process.terminationHandler = { finished in
                let termination: Outcome.Termination =
                    finished.terminationReason == .exit
                    ? .exited(finished.terminationStatus) : .signalled(finished.terminationStatus)
                gate.record { $0.termination = termination }
            }
            do {
                try process.run()
            } catch {
                gate.fail(.launch(String(describing: error)))
                return
            }
            let pid = process.processIdentifier
            let stdoutReader = stdoutPipe.fileHandleForReading
            let stderrReader = stderrPipe.fileHandleForReading
            Thread.detachNewThread {
                let bytes = [UInt8](stdoutReader.readDataToEndOfFile())
                gate.record { $0.stdout = bytes }
            }
            Thread.detachNewThread {
                let bytes = [UInt8](stderrReader.readDataToEndOfFile())
                gate.record { $0.stderr = bytes }
            }
            let deadline = DispatchTime.now() + .nanoseconds(Int(timeout.nanosecondsClamped))
            DispatchQueue.global().asyncAfter(deadline: deadline) {
                gate.timeOut { killGroup(of: pid) }
            }
        }
    }
}

/// Resumes the caller exactly once: with the outcome when the process exited and both pipes hit EOF, or with the first failure.
private final class CompletionGate: Sendable {
    private struct State {
        var continuation: CheckedContinuation<PluginProcess.Outcome, any Error>?
        var termination: PluginProcess.Outcome.Termination?
        var stdout: [UInt8]?
        var stderr: [UInt8]?
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<PluginProcess.Outcome, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func record(_ update: (inout Partial) -> Void) {
        let ready: (CheckedContinuation<PluginProcess.Outcome, any Error>, PluginProcess.Outcome)? = state.withLock { state in
            var partial = Partial(termination: state.termination, stdout: state.stdout, stderr: state.stderr)
            update(&partial)
            state.termination = partial.termination
            state.stdout = partial.stdout
            state.stderr = partial.stderr
            guard let termination = state.termination, let stdout = state.stdout, let stderr = state.stderr,
                let continuation = state.continuation
            else { return nil }
            state.continuation = nil
            return (continuation, PluginProcess.Outcome(termination: termination, stdout: stdout, stderr: stderr))
        }
        if let (continuation, outcome) = ready { continuation.resume(returning: outcome) }
    }

    func fail(_ failure: PluginProcess.Failure) {
        let continuation = state.withLock { state in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(throwing: failure)
    }

    /// When the caller is still waiting: runs `kill` if the process itself has not exited yet (after it is reaped its
    /// pid may belong to another process), then resumes the caller with `.timedOut`.
    func timeOut(kill: () -> Void) {
        let (continuation, running) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.continuation, state.termination == nil)
        }
        guard let continuation else { return }
        if running { kill() }
        continuation.resume(throwing: PluginProcess.Failure.timedOut)
    }

    struct Partial {
        var termination: PluginProcess.Outcome.Termination?
        var stdout: [UInt8]?
        var stderr: [UInt8]?
    }
}

/// SIGKILL to the plugin and everything it started. On Linux, Foundation starts the plugin as the leader of a process
/// group of its own, so the group shares its pid; where it does not, only the plugin itself is killed.
private func killGroup(of pid: pid_t) {
    if kill(-pid, SIGKILL) != 0 { kill(pid, SIGKILL) }
}

extension Duration {
    fileprivate var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        guard seconds < Int64.max / 1_000_000_000 else { return Int64.max }
        return max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
