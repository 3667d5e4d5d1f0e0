import ArgumentParser
import Foundation
import KubeAPI
import KubeSandbox
import PodChaosDaemon

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

    @Flag(
        inversion: .prefixedNo,
        help: "Over HTTPS, offer HTTP/2 besides HTTP/1.1 (ALPN), as kube-apiserver does; --no-http2 offers HTTP/1.1 only.")
    var http2 = true

    @Option(name: .customLong("kubeconfig-out"), help: "Where to write the kubeconfig (default: a file in the temp directory).")
    var kubeconfigOut: String?

    @Option(help: "A YAML/JSON manifest file or a directory of them to create at start; repeatable.")
    var load: [String] = []

    @Option(help: "How many Ready nodes (node-1…N) the cluster has.")
    var nodes = 3

    @Option(name: .customLong("start-delay"), help: "How long a scheduled pod takes to start running (e.g. 500ms, 2s).")
    var startDelay = "500ms"

    @Option(name: .customLong("ready-delay"), help: "How long a running pod takes to become Ready.")
    var readyDelay = "500ms"

    @Option(name: .customLong("termination-delay"), help: "How long a deleted pod stays Terminating (at most its grace period).")
    var terminationDelay = "300ms"

    @Flag(name: .customLong("no-controllers"), help: "Run no controllers: objects stay exactly as written.")
    var noControllers = false

    func validate() throws {
        guard nodes >= 0 else { throw ValidationError("--nodes must be 0 or more, not \(nodes)") }
        for (flag, text) in [("--start-delay", startDelay), ("--ready-delay", readyDelay), ("--termination-delay", terminationDelay)] {
            _ = try Self.duration(flag, text)
        }
    }

    private static func duration(_ flag: String, _ text: String) throws -> Duration {
        switch GoDuration.parse(text) {
        case .success(let duration): return duration
        case .failure(let error): throw ValidationError("\(flag) \(error.description)")
        }
    }

    @Flag(help: "Authorize requests with RBAC (the loaded Roles and bindings); without it any authenticated user may do anything.")
    var rbac = false

    @Option(help: "A YAML fault-injection plan (rules: verb, path, user, times, probability, action) to start with.")
    var faults: String?

    @Option(
        name: .customLong("print-token"),
        help: "Print a bearer token for service account NAMESPACE/NAME at start (created if missing); repeatable.")
    var printToken: [String] = []

    func run() async throws {
        do {
            try await serve()
        } catch let error as SandboxError {
            Self.fail(error.description)
        } catch let error as FaultPlanError {
            Self.fail("\(faults ?? "fault plan"): \(error.description)")
        }
    }

    /// What the flags ask of the served API, given the values they hold parsed.
    func sandboxOptions(host: String, port: Int, faults: FaultPlan, timings: PodLifecycleTimings) -> SandboxOptions {
        SandboxOptions(
            host: host, port: port, tls: !http, controllers: !noControllers, nodes: nodes, podTimings: timings, rbac: rbac, faults: faults,
            http2: http2)
    }

    private func serve() async throws {
        let (host, port) = try SandboxOptions.parseListenAddress(listen)
        let accounts = try printToken.map(Self.serviceAccount)
        var plan = FaultPlan()
        if let faults {
            let text: String
            do {
                text = try BoundedFile.read(faults, limit: BoundedFile.documentLimit)
            } catch {
                Self.fail("cannot read the fault plan \(faults): \(error)")
            }
            plan = try FaultPlan.load(yaml: text)
        }
        let timings = PodLifecycleTimings(
            startDelay: try Self.duration("--start-delay", startDelay), readyDelay: try Self.duration("--ready-delay", readyDelay),
            terminationDelay: try Self.duration("--termination-delay", terminationDelay))
        let sandbox = try await Sandbox.start(sandboxOptions(host: host, port: port, faults: plan, timings: timings))
        do {
            for path in load { try await sandbox.load(path: path) }
            for account in accounts {
                let token = try await sandbox.serviceAccountToken(namespace: account.namespace, name: account.name)
                FileHandle.standardOutput.write(
                    Data("token for system:serviceaccount:\(account.namespace):\(account.name): \(token)\n".utf8))
            }
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

    /// `NAMESPACE/NAME` as `--print-token` takes it.
    private static func serviceAccount(_ text: String) throws -> (namespace: String, name: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("--print-token \(EchoedValue.quoted(text)): write NAMESPACE/NAME, e.g. demo/chaos")
        }
        return (String(parts[0]), String(parts[1]))
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
