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
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result(catching: { try runBlocking(arguments, environment: environment) }))
            }
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = binary
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
    /// The binary running in the background: stderr is collected as it arrives, and the test can send it signals.
    final class Running: @unchecked Sendable {
        private let process: Process
        private let errorOutput = Mutex(Data())
        /// stdout so far, and whether it reached end of file (at once when it is not captured).
        private let standardOutput: Mutex<(data: Data, closed: Bool)>

        fileprivate init(process: Process, stdout: Pipe?, stderr: Pipe) {
            self.process = process
            standardOutput = Mutex((Data(), stdout == nil))
            stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let chunk = handle.availableData
                guard let self, !chunk.isEmpty else { return }
                self.errorOutput.withLock { $0.append(chunk) }
            }
            // stdout is read by a blocking read to its end, as `run` reads it: a read() returning 0 is a sure end of
            // file, where a readability handler's last, empty call can come late or not at all on a loaded machine.
            if let handle = stdout?.fileHandleForReading {
                DispatchQueue.global().async {
                    let data = handle.readDataToEndOfFile()
                    self.standardOutput.withLock { $0 = (data, true) }
                }
            }
        }

        var stderr: String { errorOutput.withLock { String(decoding: $0, as: UTF8.self) } }

        /// Everything the process wrote on stdout, once it closed it (empty when not captured); nil while it is open.
        var stdout: String? { standardOutput.withLock { $0.closed ? String(decoding: $0.data, as: UTF8.self) : nil } }

        /// SIGTERM, as Kubernetes sends on pod deletion.
        func terminate() { process.terminate() }

        /// SIGINT, as Ctrl-C in a terminal sends.
        func interrupt() { process.interrupt() }

        /// Waits (off the cooperative pool) until the process exits, or `timeout` passes (then kills it and returns nil).
        func exitStatus(timeout: Duration) async -> Int32? {
            let process = self.process
            let deadline = ContinuousClock.now + timeout
            // A captured stdout is read to its end too, so `stdout` is complete once this returns.
            while process.isRunning || stdout == nil, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                return nil
            }
            return process.terminationStatus
        }

        /// Waits until stderr contains `text`.
        func waitForStderr(_ text: String, timeout: Duration) async -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if stderr.contains(text) { return true }
                if !process.isRunning { return stderr.contains(text) }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
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
