import Foundation
import KubeSandbox
import KubeTesting

/// Runs `/usr/bin/kubectl` against a sandbox as an independent client, with its own kubeconfig, cache and HOME
/// under a temporary directory so nothing outside the test is read or written.
struct Kubectl: Sendable {
    struct Result: Sendable {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    let directory: TemporaryDirectory
    let kubeconfig: String

    init(_ sandbox: Sandbox, user: String? = nil) throws {
        try self.init(kubeconfigYAML: sandbox.kubeconfigYAML(user: user))
    }

    init(kubeconfigYAML: String) throws {
        directory = try TemporaryDirectory()
        kubeconfig = directory.file("kubeconfig")
        try Data(kubeconfigYAML.utf8).write(to: URL(fileURLWithPath: kubeconfig))
    }

    func cleanUp() { directory.remove() }

    /// Runs kubectl to completion, stopping it after `timeout` seconds.
    func run(_ arguments: [String], stdin: String? = nil, timeout: Double = 30) async throws -> Result {
        let running = try start(arguments, stdin: stdin)
        _ = try await eventuallyHolds(within: .seconds(timeout)) { !running.process.isRunning }
        return running.finish()
    }

    /// Starts kubectl in the background (for `get -w`); read its output as it grows, then `finish()` it.
    func start(_ arguments: [String], stdin: String? = nil) throws -> Running {
        let id = UUID().uuidString
        let stdoutPath = directory.file("\(id).out")
        let stderrPath = directory.file("\(id).err")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KubectlBinary.path)
        process.arguments = ["--kubeconfig", kubeconfig, "--cache-dir", directory.file("cache")] + arguments
        process.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin", "KUBECTL_INTERACTIVE_DELETE": "false"]
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        if let stdin {
            let input = directory.file("\(id).in")
            _ = FileManager.default.createFile(atPath: input, contents: Data(stdin.utf8))
            process.standardInput = FileHandle(forReadingAtPath: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        return Running(process: process, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    struct Running: @unchecked Sendable {
        let process: Process
        let stdoutPath: String
        let stderrPath: String

        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

        /// Waits (with `eventually`) until the output satisfies `condition` or `timeout` seconds pass; returns the
        /// output either way.
        func waitForOutput(timeout: Double = 20, until condition: (String) -> Bool) async throws -> String {
            try await eventually(within: .seconds(timeout)) {
                let output = stdout
                return condition(output) ? output : nil
            } ?? stdout
        }

        func finish() -> Result {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
            return Result(
                exitCode: process.terminationStatus, stdout: stdout,
                stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
        }
    }
}
