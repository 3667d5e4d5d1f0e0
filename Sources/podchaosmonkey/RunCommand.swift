import ArgumentParser
import Foundation
import KubeAPI
import Logging
import PodChaos
import PodChaosDaemon
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
            4 Kubernetes API error (with --once, a tick that could not read the cluster).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flags: KillFlags
    @OptionGroup var runFlags: RunFlags

    func run() async throws {
        global.bootstrapLogging()
        let options: DaemonOptions
        let client: KubernetesClient
        let schedule: any TickSchedule
        do {
            options = try runFlags.daemonOptions(kill: try killOptions())
            schedule = try self.schedule()
            try refuseUnwired()
            client = try global.connect()
        } catch {
            Self.fail(error)
        }
        defer { Task { try? await client.shutdown() } }

        let logger = Logger(label: "podchaosmonkey.daemon")
        let identity = options.kill.criteria.selfIdentity.podName ?? ProcessInfo.processInfo.hostName
        let daemon = ChaosDaemon(
            client: client, options: options, schedule: schedule,
            window: InterimAlwaysActive(),  // wired at integration: the --active-hours/--active-days/--exclude-dates window
            leadership: SoleLeader(identity: identity),  // wired at integration: the Lease leadership when --leader-elect=true
            notifier: SilentNotifier(),  // wired at integration: --webhook/--webhook-template/--slack-webhook
            metrics: DaemonMetrics(), version: BuildInfo.version, logger: logger)
        // wired at integration: the status server on --metrics-address (/metrics, /healthz, /readyz from
        // daemon.readiness(), /plan from daemon.planJSON()) goes FIRST in `services`, and DaemonMetrics().buildInfo is
        // recorded. The daemon stays last: a graceful shutdown stops services in reverse order, so it stops killing
        // (and releases the lease) while the status server still answers; its return (--once, --max-runtime) then
        // shuts the rest down gracefully.
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)
        ]

        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "podchaosmonkey.lifecycle"))
        // A backstop only: the daemon itself abandons the observation at --shutdown-timeout.
        configuration.maximumGracefulShutdownDuration = options.shutdownTimeout + .seconds(10)
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            Self.fail(error)
        }
        if options.once, case .skipped(.apiError)? = await daemon.lastOutcome {
            printError("podchaosmonkey: the tick could not read the cluster; see the log above")
            throw ExitCode(ExitStatus.apiError.rawValue)
        }
    }

    /// `kill`'s options, less those that make no sense for a daemon: how many to kill is each owner's MTBF draw.
    func killOptions() throws -> KillOptions {
        if flags.count != nil || flags.percent != nil || flags.all {
            throw CLIError.usage("--count, --percent and --all do not apply to run: owners' MTBFs decide, --max-kills caps each tick")
        }
        if flags.scaleDownSelf { throw CLIError.usage("--scale-down-self does not apply to run") }
        if flags.timeline { throw CLIError.usage("--timeline does not apply to run") }
        guard flags.maxKills >= 1 else { throw CLIError.usage("--max-kills: run needs at least 1, got \(flags.maxKills)") }
        return try flags.options(criteria: try selection.criteria())
    }

    /// wired at integration: `--cron` (with `--timezone`) selects the cron schedule; `--interval`/`--jitter` the
    /// interval schedule of PodChaos/Schedule, replacing the interim one.
    func schedule() throws -> any TickSchedule {
        InterimIntervalSchedule(interval: try runFlags.tickInterval(), jitter: runFlags.jitter)
    }

    /// Flags whose implementation arrives at integration are refused rather than ignored: a silently ignored
    /// `--active-hours` would kill outside the window. wired at integration: delete each line as its part lands.
    func refuseUnwired() throws {
        var unwired: [String] = []
        if runFlags.cron != nil { unwired.append("--cron") }
        if runFlags.activeHours != nil { unwired.append("--active-hours") }
        if runFlags.activeDays != nil { unwired.append("--active-days") }
        if runFlags.excludeDates != nil { unwired.append("--exclude-dates") }
        if runFlags.leaderElect { unwired.append("--leader-elect=true") }
        if !runFlags.webhook.isEmpty { unwired.append("--webhook") }
        if runFlags.webhookTemplate != nil { unwired.append("--webhook-template") }
        if runFlags.slackWebhook != nil { unwired.append("--slack-webhook") }
        if !unwired.isEmpty {
            throw CLIError.usage("\(unwired.joined(separator: ", ")): not available in this build yet")
        }
    }
}
