import ArgumentParser
import CoreMetrics
import Foundation
import KubeAPI
import Logging
import PodChaos
import PodChaosDaemon
import Prometheus
import ServiceLifecycle
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Kill pods on a schedule as a long-running service, within MTBFs, budgets, pauses and a health gate.",
        discussion: """
            Each owner is killed at the rate its podchaosmonkey.io/mtbf annotation asks (or --default-mtbf); \
            owners without either are never killed. See docs/daemon.md. \
            Exit codes: 0 stopped as asked (SIGTERM/SIGINT, --once, --max-runtime); 2 usage or configuration error; \
            4 Kubernetes API error (with --once, a tick that could not read the cluster); 5 still running 5s after \
            --shutdown-timeout once asked to stop, so exited without finishing the shutdown; 130/143 --once \
            interrupted by SIGINT/SIGTERM before it finished.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: KillFlags
    @OptionGroup var runFlags: RunFlags

    func run() async throws {
        global.bootstrapLogging(defaultLevel: .info)
        let registry = PrometheusCollectorRegistry()
        let metricsFactory = PrometheusExport.makeFactory(registry: registry)
        let settings: Settings
        let ending: RunEnding
        do {
            settings = try self.settings()
            let route = flags.probeVia.serviceRoute(kubeconfig: global.kubeconfig, context: global.context)
            ending = try await global.withClient(metricsFactory: metricsFactory) { client in
                // Always there: an owner's podchaosmonkey.io/probe annotation asks for probes without --probe.
                try await NetworkProbeTransport.with(kubernetes: client, serviceRoute: route) { transport in
                    try await serve(settings, client: client, probeTransport: transport, registry: registry, metricsFactory: metricsFactory)
                }
            }
        } catch {
            Self.fail(error)
        }
        if let failure = ending.failure {
            printError("podchaosmonkey: \(failure.message)")
            throw ExitCode(failure.status)
        }
    }

    /// Runs the daemon with its status server and webhooks until it stops, and says how it ended.
    private func serve(
        _ settings: Settings, client: KubernetesClient, probeTransport: (any ProbeTransport)?, registry: PrometheusCollectorRegistry,
        metricsFactory: any MetricsFactory
    ) async throws -> RunEnding {
        let (options, schedule, window, webhooks, status) = (
            settings.options, settings.schedule, settings.window, settings.webhooks, settings.status
        )
        let logger = Logger(label: "podchaosmonkey.daemon")
        let leadership = try self.leadership(client: client, criteria: options.kill.criteria, logger: logger)
        let notifier: (any KillNotifier & ServiceLifecycle.Service)? =
            webhooks.isEmpty
            ? nil
            : WebhookNotifier(configuration: webhooks, toolVersion: BuildInfo.version, logger: Logger(label: "podchaosmonkey.webhook"))
        let daemonMetrics = DaemonMetrics(factory: metricsFactory)
        daemonMetrics.buildInfo(version: BuildInfo.version, revision: BuildInfo.revision)
        let daemon = ChaosDaemon(
            client: client, options: options, schedule: schedule, window: window, leadership: leadership,
            notifier: notifier ?? SilentNotifier(), metrics: daemonMetrics, chaosMetrics: ChaosMetrics(factory: metricsFactory),
            probeTransport: probeTransport, version: BuildInfo.version, logger: logger)
        let server = StatusServer(
            configuration: status, registry: registry, readiness: { await daemon.readiness() }, plan: { await daemon.planJSON() },
            liveness: { daemon.livenessChecks() }, logger: Logger(label: "podchaosmonkey.status"))

        // The daemon goes last: a graceful shutdown stops services in reverse order, so it stops killing (and releases
        // the lease) while the status server still answers and the webhooks still deliver; its own return (--once,
        // --max-runtime) shuts the rest down. The daemon runs the leadership itself, so it is not a service here.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: server)]
        if let notifier { services.append(.init(service: notifier)) }
        services.append(.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup))

        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "podchaosmonkey.lifecycle"))
        // A backstop only: the daemon itself abandons the observation at --shutdown-timeout.
        configuration.maximumGracefulShutdownDuration = options.shutdownTimeout + .seconds(10)
        let group = ServiceGroup(configuration: configuration)
        let stoppedBy = try await ShutdownDeadline(after: options.shutdownTimeout + ShutdownDeadline.margin).guarding(
            signals: await ShutdownDeadline.stopSignals()
        ) {
            try await group.run()
        }
        return RunEnding(
            once: options.once, stoppedBy: stoppedBy, lastOutcome: await daemon.lastOutcome,
            historyNotPersisted: await daemon.historyNotPersisted.map { "\($0)" })
    }

    /// The Lease when `--leader-elect=true`; otherwise this process is the only one and keeps its history in memory.
    func leadership(client: KubernetesClient, criteria: SelectionCriteria, logger: Logger) throws -> any Leadership {
        let podName = criteria.selfIdentity.podName
        guard runFlags.leaderElect else { return SoleLeader(identity: podName ?? ProcessInfo.processInfo.hostName) }
        // client-go's identity: unique per process, so two replicas on one host (or a restarted one) never share it.
        let identity = "\(podName ?? ProcessInfo.processInfo.hostName)_\(UUID().uuidString.prefix(8).lowercased())"
        let namespace = ProcessInfo.processInfo.environment["POD_NAMESPACE"] ?? client.config.namespace
        let config = try runFlags.leaderElection(namespace: namespace, identity: identity)
        return try LeaseLeadership(client: client, config: config, logger: Logger(label: "podchaosmonkey.leader"))
    }

    func killOptions() throws -> KillOptions { try Self.killOptions(flags: flags, selection: selection) }

    /// `kill`'s options, less those that make no sense for a daemon: how many to kill is each owner's MTBF draw.
    static func killOptions(flags: KillFlags, selection: SelectionOptions) throws -> KillOptions {
        if flags.count != nil || flags.percent != nil || flags.all {
            throw CLIError.usage("--count, --percent and --all do not apply to run: owners' MTBFs decide, --max-kills caps each tick")
        }
        if flags.scaleDownSelf { throw CLIError.usage("--scale-down-self does not apply to run") }
        if flags.timeline { throw CLIError.usage("--timeline does not apply to run") }
        guard flags.maxKills >= 1 else { throw CLIError.usage("--max-kills: run needs at least 1, got \(flags.maxKills)") }
        return try flags.options(criteria: try selection.criteria())
    }
}
