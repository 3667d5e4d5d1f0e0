import ArgumentParser
import CoreMetrics
import KubeAPI
import Logging
import PodChaosDaemon

/// Flags every cluster-facing command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Path to a kubeconfig file (default: KUBECONFIG, in-cluster, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    // Read by ArgumentPreprocessor before parsing, for every command; declared here so help lists it.
    @Option(
        help: ArgumentHelp(
            "YAML file of flag values (max-kills: 2); flags and PODCHAOSMONKEY_* win over it. See docs/config.md.", valueName: "file"))
    var config: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default: warning; info for run, whose decisions are its log).")
    var logLevel: LogLevel?

    @Option(help: "text or json.")
    var logFormat: LogFormat = .text

    @Option(
        help: ArgumentHelp(
            "Longest time one API request may take, retries included, as a duration (30s, 1m); 0 means no limit. See docs/client.md.",
            valueName: "duration"))
    var requestTimeout = "30s"

    @Flag(
        help: ArgumentHelp(
            "Accept a plain http:// API server that is not on loopback (127.0.0.0/8, ::1, localhost); requests and credentials then cross the network unencrypted. See docs/client.md."
        ))
    var allowInsecureHTTP = false

    func validate() throws {
        _ = try parsedRequestTimeout()
    }

    /// `--request-timeout` as `ClientOptions` takes it: nil for `0`, as in kubectl.
    private func parsedRequestTimeout() throws -> Duration? {
        switch GoDuration.parse(requestTimeout) {
        case .success(let duration): return duration == .zero ? nil : duration
        case .failure(let error): throw ValidationError("--request-timeout \(error.description)")
        }
    }

    func bootstrapLogging(defaultLevel: Logger.Level = .warning) {
        LoggingBootstrap.bootstrap(level: logLevel?.level ?? defaultLevel, format: logFormat)
    }

    /// Connects to the cluster, runs `body` with the client, and shuts the client down before returning or throwing.
    /// A configuration problem (kubeconfig, TLS material, proxy) is a usage error: exit 2 with one line.
    func withClient<T>(
        userAgent: String = "podchaosmonkey/\(BuildInfo.version)", metricsFactory: (any MetricsFactory)? = nil,
        _ body: (KubernetesClient) async throws -> T
    ) async throws -> T {
        let config: ClusterConfig
        let options: ClientOptions
        do {
            config = try ConfigResolver.resolve(kubeconfig: kubeconfig, context: context, allowInsecureHTTP: allowInsecureHTTP)
            // kubectl's limits rather than client-go's 5/10: a run lists and watches a dozen resources before it kills,
            // and a kill waiting for a rate-limit token would distort the recovery timings measured from it.
            options = ClientOptions(
                userAgent: userAgent, qps: 50, burst: 100, requestTimeout: try parsedRequestTimeout(), metricsFactory: metricsFactory)
        } catch {
            throw CLIError.usage("\(error)")
        }
        // A client that cannot be made throws `KubeAPIError.configuration`, which `CLIError.from` makes a usage error.
        return try await KubernetesClient.withKubernetesClient(
            config: config, options: options, logger: Logger(label: "podchaosmonkey.kubeapi"), body)
    }
}

extension LogFormat: ExpressibleByArgument {}

enum LogLevel: String, ExpressibleByArgument, CaseIterable, Sendable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .warning }
}
