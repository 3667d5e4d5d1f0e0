import ArgumentParser
import Foundation
import KubeSandbox

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve an in-memory Kubernetes API on this machine for demos and tests.",
        discussion: "Serves until interrupted (Ctrl-C or SIGTERM). Point kubectl at it with the kubeconfig it writes.")

    @Option(help: "Address to listen on, HOST:PORT (port 0 picks a free one).")
    var listen = "127.0.0.1:0"

    @Flag(help: "Serve plain HTTP instead of HTTPS.")
    var http = false

    @Option(name: .customLong("kubeconfig-out"), help: "Where to write the kubeconfig (default: a file in the temp directory).")
    var kubeconfigOut: String?

    @Option(help: "A YAML/JSON manifest file or a directory of them to create at start; repeatable.")
    var load: [String] = []

    func run() async throws {
        do {
            try await serve()
        } catch let error as SandboxError {
            Self.fail(error.description)
        }
    }

    private func serve() async throws {
        let (host, port) = try SandboxOptions.parseListenAddress(listen)
        let sandbox = try await Sandbox.start(SandboxOptions(host: host, port: port, tls: !http))
        do {
            for path in load { try await sandbox.load(path: path) }
            let kubeconfig =
                kubeconfigOut
                ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("podchaosmonkey-sandbox-\(sandbox.port).kubeconfig")
            try sandbox.writeKubeconfig(to: kubeconfig)
            // Written unbuffered so a wrapper script sees it at once, even when stdout is a pipe.
            FileHandle.standardOutput.write(Data(Self.instructions(url: sandbox.url.absoluteString, kubeconfig: kubeconfig).utf8))
            await Self.waitForTermination()
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    private static func instructions(url: String, kubeconfig: String) -> String {
        """
        podchaosmonkey sandbox serving \(url)
        kubeconfig: \(kubeconfig)

          export KUBECONFIG=\(kubeconfig)
          kubectl get pods -A
        or
          kubectl --kubeconfig \(kubeconfig) get pods -A

        Press Ctrl-C to stop.

        """
    }

    /// One line on stderr and a non-zero exit, without the usage text a ValidationError would add.
    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(EXIT_FAILURE)
    }

    /// Suspends until SIGINT or SIGTERM.
    private static func waitForTermination() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = [SIGINT, SIGTERM].map {
            DispatchSource.makeSignalSource(signal: $0, queue: DispatchQueue(label: "podchaosmonkey.signals"))
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumed = ResumeOnce(continuation)
            for source in signals {
                source.setEventHandler { resumed.resume() }
                source.resume()
            }
        }
        for source in signals { source.cancel() }
    }
}

/// Resumes a continuation at most once, whichever signal arrives first.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    func resume() {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume()
    }
}
