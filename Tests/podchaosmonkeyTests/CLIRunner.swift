import Foundation
import Synchronization

/// Runs the built `podchaosmonkey` binary as a user would, with a clean environment.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The binary SwiftPM built next to this test bundle.
    static var binary: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("podchaosmonkey").path),
            directory.pathComponents.count > 1
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("podchaosmonkey")
    }

    /// Runs off the cooperative thread pool: a blocking wait there could starve the in-process sandbox the binary talks to.
    /// `executable` runs something else with the same environment, e.g. a shell that passes the binary bytes a Swift
    /// string cannot hold.
    static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL = binary) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Swift.Result(catching: { try runBlocking(executable, arguments, environment: environment) }))
            }
        }
    }

    private static func runBlocking(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-home-\(UUID().uuidString)").path
        // No KUBECONFIG, no in-cluster variables, an empty home: only what the test passes.
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension CLIRunner {
    /// The binary running in the background: stderr is collected as it arrives, and the test can send it signals and
    /// await what it writes or its exit; nothing polls.
    final class Running: @unchecked Sendable {
        private struct Output {
            var stderr = Data()
            /// stdout, and whether it reached end of file (at once when it is not captured).
            var stdout = Data()
            var stdoutClosed: Bool
            var exitStatus: Int32?
            var nextID = 0
            var waiters: [Int: (condition: @Sendable (Output) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = [:]
        }

        private let process: Process
        private let output: Mutex<Output>

        /// Sets up the collection of `process`'s output and its exit; call before `process.run()`.
        fileprivate init(process: Process, stdout: Pipe?, stderr: Pipe) {
            self.process = process
            output = Mutex(Output(stdoutClosed: stdout == nil))
            stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let chunk = handle.availableData
                guard !chunk.isEmpty else {
                    handle.readabilityHandler = nil
                    return
                }
                self?.update { $0.stderr.append(chunk) }
            }
            // stdout is read by a blocking read to its end, as `run` reads it: a read() returning 0 is a sure end of
            // file, where a readability handler's last, empty call can come late or not at all on a loaded machine.
            if let handle = stdout?.fileHandleForReading {
                DispatchQueue.global().async {
                    let data = handle.readDataToEndOfFile()
                    self.update {
                        $0.stdout = data
                        $0.stdoutClosed = true
                    }
                }
            }
            process.terminationHandler = { [weak self] process in
                let status = process.terminationStatus
                self?.update { $0.exitStatus = status }
            }
        }

        var stderr: String { output.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

        /// Everything the process wrote on stdout, once it closed it (empty when not captured); nil while it is open.
        var stdout: String? { output.withLock { $0.stdoutClosed ? String(decoding: $0.stdout, as: UTF8.self) : nil } }

        /// SIGTERM, as Kubernetes sends on pod deletion.
        func terminate() { process.terminate() }

        /// SIGINT, as Ctrl-C in a terminal sends.
        func interrupt() { process.interrupt() }

        /// Waits until the process has exited (and a captured stdout is complete), or `timeout` passes (then kills it
        /// and returns nil).
        func exitStatus(timeout: Duration) async -> Int32? {
            if await until({ $0.exitStatus != nil && $0.stdoutClosed }, within: timeout) {
                return output.withLock { $0.exitStatus }
            }
            kill(process.processIdentifier, SIGKILL)
            return nil
        }

        /// Waits until stderr contains `text`; false if the process exits or `timeout` passes without it.
        func waitForStderr(_ text: String, timeout: Duration) async -> Bool {
            let needle = Data(text.utf8)
            _ = await until({ $0.stderr.range(of: needle) != nil || $0.exitStatus != nil }, within: timeout)
            return stderr.contains(text)
        }

        private func update(_ change: (inout Output) -> Void) {
            let ready = output.withLock { output in
                change(&output)
                let snapshot = output
                let ready = output.waiters.filter { $0.value.condition(snapshot) }
                for id in ready.keys { output.waiters.removeValue(forKey: id) }
                return ready.values.map(\.continuation)
            }
            for continuation in ready { continuation.resume(returning: true) }
        }

        /// Whether `condition` came to hold within `limit`: awaited as the output changes, with the limit a bound for
        /// a process that hangs, not a timing assertion.
        private func until(_ condition: @escaping @Sendable (Output) -> Bool, within limit: Duration) async -> Bool {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask { await self.awaitCondition(condition) }
                group.addTask {
                    try? await Task.sleep(for: limit)
                    return false
                }
                let held = await group.next() ?? false
                group.cancelAll()
                return held
            }
        }

        /// Returns true once `condition` holds, or false at once when the task is cancelled.
        private func awaitCondition(_ condition: @escaping @Sendable (Output) -> Bool) async -> Bool {
            let id = output.withLock { output in
                defer { output.nextID += 1 }
                return output.nextID
            }
            return await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let held = output.withLock { output -> Bool? in
                        if condition(output) { return true }
                        if Task.isCancelled { return false }
                        output.waiters[id] = (condition, continuation)
                        return nil
                    }
                    if let held { continuation.resume(returning: held) }
                }
            } onCancel: {
                output.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume(returning: false)
            }
        }
    }

    /// Starts the binary with a clean environment and returns at once; `captureStdout` keeps what it prints there.
    static func start(_ arguments: [String], environment: [String: String] = [:], captureStdout: Bool = false) throws -> Running {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-home-\(UUID().uuidString)").path
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let err = Pipe()
        let out = captureStdout ? Pipe() : nil
        process.standardOutput = out ?? FileHandle.nullDevice
        process.standardError = err
        let running = Running(process: process, stdout: out, stderr: err)
        try process.run()
        return running
    }
}
