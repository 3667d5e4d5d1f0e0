import ArgumentParser
import Foundation
import KubeAPI
import PodChaos
import PodChaosDaemon

/// The flags `run` adds to those of `kill`: schedule, windows, budgets, lifetime, leader election, observability.
struct RunFlags: ParsableArguments {
    @Option(help: "Tick every DURATION, e.g. 10m (default 10m; not with --cron).")
    var interval: String?

    @Option(help: "Delay each tick by up to this fraction of --interval more, at random, e.g. 0.2.")
    var jitter: Double = 0

    @Option(help: "Tick on a 5-field cron expression instead, e.g. \"*/15 9-17 * * Mon-Fri\", @hourly, @daily, @weekly.")
    var cron: String?

    @Option(help: "IANA time zone for --cron and the activity window, e.g. Europe/Berlin.")
    var timezone: String = "UTC"

    @Option(help: "Only kill between these times of day, e.g. 09:00-17:00 (may wrap midnight).")
    var activeHours: String?

    @Option(help: "Only kill on these days, e.g. Mon-Fri or Mon,Wed,Fri.")
    var activeDays: String?

    @Option(help: "Never kill on these dates, e.g. 2026-12-24,12-25,Jan1.")
    var excludeDates: String?

    @Option(help: "At most this many kills in any hour, across all namespaces.")
    var maxKillsPerHour: Int?

    @Option(help: "At most this many kills in any hour in one namespace.")
    var maxKillsPerNamespacePerHour: Int?

    @Option(help: "At least this long between two kills of the same owner.")
    var minTimeBetweenKillsPerOwner: String = "1h"

    @Option(
        name: .customLong("default-mtbf"),
        help: "Mean time between kills for owners without the podchaosmonkey.io/mtbf annotation (default: such owners are never killed).")
    var defaultMTBF: String?

    @Option(help: "Skip a target namespace while it has more unready pods than this.")
    var maxUnready: Int = 0

    @Option(help: "Stop after this long, e.g. 8h.")
    var maxRuntime: String?

    @Flag(help: "Tick once now, wait for the victim's recovery, and exit.")
    var once = false

    @Option(
        help: "On SIGTERM/SIGINT, wait this long for the recovery being observed before abandoning it; exit 5 if still running 5s later."
    )
    var shutdownTimeout: String = "30s"

    @Option(help: "A tick running longer than this fails /healthz, so the kubelet restarts a stuck daemon.")
    var tickTimeout: String = "5m"

    @Option(help: "Elect a leader through a coordination.k8s.io Lease, so only one replica kills (true or false).")
    var leaderElect: Bool = false

    @Option(help: "How long a Lease is valid without renewal; followers wait this long before taking over (client-go: 15s).")
    var leaderElectLeaseDuration: String = "15s"

    @Option(help: "How long the leader keeps trying to renew before it stops killing (client-go: 10s).")
    var leaderElectRenewDeadline: String = "10s"

    @Option(help: "How often to try to acquire or renew the Lease (client-go: 2s).")
    var leaderElectRetryPeriod: String = "2s"

    @Option(help: "Name of the Lease for --leader-elect.")
    var leaseName: String = "podchaosmonkey"

    @Option(help: "Namespace of the Lease (default: POD_NAMESPACE, else the context's namespace).")
    var leaseNamespace: String?

    @Option(
        help:
            "NAMESPACE/NAME of the tool's own Deployment, whose podchaosmonkey.io/paused=true pauses everything (default: found from POD_NAME)."
    )
    var selfDeployment: String?

    @Option(help: "Address for /metrics, /healthz, /readyz and /plan, e.g. :8080 or 127.0.0.1:9090.")
    var metricsAddress: String = ":8080"

    @Option(help: "POST a JSON body per kill and per recovery verdict to this URL; repeatable.")
    var webhook: [String] = []

    @Option(help: "Mustache template file for the --webhook body.")
    var webhookTemplate: String?

    @Option(help: "Slack incoming-webhook URL for a preset message per kill and verdict; repeatable.")
    var slackWebhook: [String] = []

    /// `--cron` in `--timezone`, else `--interval` with `--jitter`.
    func schedule(timeZone: TimeZone) throws -> any TickSchedule {
        let interval = try tickInterval()
        if let cron { return try CronSchedule(expression: cron, timeZone: timeZone) }
        return try IntervalSchedule(interval: interval.seconds, jitter: jitter)
    }

    /// `--active-hours`, `--active-days` and `--exclude-dates` in `--timezone`.
    func window(timeZone: TimeZone) throws -> ActiveWindow {
        try ActiveWindow(hours: activeHours, days: activeDays, excludeDates: excludeDates, timeZone: timeZone)
    }

    /// client-go's leader election with the `--leader-elect-*` timings, checked as client-go checks them: each more
    /// than 0, the lease duration more than the renew deadline, and that more than the retry period with its jitter.
    func leaderElection(namespace: String, identity: String) throws -> LeaderElectionConfig {
        let leaseDuration = try durationFlag("--leader-elect-lease-duration", leaderElectLeaseDuration, allowingZero: false)
        let renewDeadline = try durationFlag("--leader-elect-renew-deadline", leaderElectRenewDeadline, allowingZero: false)
        let retryPeriod = try durationFlag("--leader-elect-retry-period", leaderElectRetryPeriod, allowingZero: false)
        guard leaseDuration > renewDeadline else {
            throw CLIError.usage(
                "--leader-elect-lease-duration: must be more than --leader-elect-renew-deadline (\(GoDuration.format(renewDeadline, precision: .readable))), "
                    + "or a follower could take the Lease while this one still leads; got \(EchoedValue.quoted(leaderElectLeaseDuration))")
        }
        let jitter = LeaderElectionConfig.jitterFactor
        guard renewDeadline > retryPeriod * jitter else {
            throw CLIError.usage(
                "--leader-elect-renew-deadline: must be more than --leader-elect-retry-period × \(jitter) "
                    + "(\(GoDuration.format(retryPeriod * jitter, precision: .readable))); got \(EchoedValue.quoted(leaderElectRenewDeadline))"
            )
        }
        let config = LeaderElectionConfig(
            leaseNamespace: leaseNamespace ?? namespace, leaseName: leaseName, identity: identity, leaseDuration: leaseDuration,
            renewDeadline: renewDeadline, retryPeriod: retryPeriod)
        try flag("--leader-elect") { try config.validate() }
        return config
    }

    /// The schedule's interval, checked.
    func tickInterval() throws -> Duration {
        if cron != nil, interval != nil { throw CLIError.usage("--interval and --cron are mutually exclusive") }
        let parsed = try flag("--interval") { try DurationParser.parse(interval ?? "10m") }
        guard parsed > .zero else { throw CLIError.usage("--interval: must be more than 0, got \(EchoedValue.quoted(interval ?? ""))") }
        guard jitter >= 0, jitter < 1 else { throw CLIError.usage("--jitter: must be at least 0 and less than 1, got \(jitter)") }
        return parsed
    }

    /// Everything the daemon decides with; every flag this file owns is checked here, so a typo exits 2 before any tick.
    func daemonOptions(kill: KillOptions) throws -> DaemonOptions {
        _ = try tickInterval()
        try validateLeaseNames()
        // Checked before connecting, with placeholder names, so bad timings exit 2 even when the cluster is unreachable.
        let election = try leaderElection(namespace: "default", identity: "validation")
        if let maxKillsPerHour, maxKillsPerHour < 0 {
            throw CLIError.usage("--max-kills-per-hour: must not be negative, got \(maxKillsPerHour)")
        }
        if let maxKillsPerNamespacePerHour, maxKillsPerNamespacePerHour < 0 {
            throw CLIError.usage("--max-kills-per-namespace-per-hour: must not be negative, got \(maxKillsPerNamespacePerHour)")
        }
        guard maxUnready >= 0 else { throw CLIError.usage("--max-unready: must not be negative, got \(maxUnready)") }
        let budget = KillBudget(
            maxKillsPerHour: maxKillsPerHour, maxKillsPerNamespacePerHour: maxKillsPerNamespacePerHour,
            minTimeBetweenKillsPerOwner: try durationFlag(
                "--min-time-between-kills-per-owner", minTimeBetweenKillsPerOwner, allowingZero: true))
        let runtime = try maxRuntime.map { text in try flag("--max-runtime") { try DurationParser.parse(text) } }
        if let runtime, runtime <= .zero {
            throw CLIError.usage("--max-runtime: must be more than 0, got \(EchoedValue.quoted(maxRuntime ?? ""))")
        }
        var selfRef: DeploymentRef?
        if let selfDeployment {
            guard let parsed = DeploymentRef(parsing: selfDeployment) else {
                throw CLIError.usage("--self-deployment: expected NAMESPACE/NAME, got \(EchoedValue.quoted(selfDeployment))")
            }
            selfRef = parsed
        }
        var options = DaemonOptions(
            kill: kill, budget: budget,
            mtbf: MTBFRule(defaultMTBF: try defaultMTBF.map { text in try durationFlag("--default-mtbf", text, allowingZero: true) }),
            maxUnready: maxUnready, once: once, maxRuntime: runtime,
            shutdownTimeout: try durationFlag("--shutdown-timeout", shutdownTimeout, allowingZero: false),
            selfDeployment: selfRef)
        options.tickTimeout = try durationFlag("--tick-timeout", tickTimeout, allowingZero: false)
        // A follower would have taken over by then: one lease duration, doubled for the first attempt's jitter.
        options.leadershipTimeout = election.leaseDuration * 2
        return options
    }

    /// The Lease names; the schedule, window, status address and webhooks are checked by their own parsers.
    func validateLeaseNames() throws {
        guard NamespaceName.isValid(leaseName) else {
            throw CLIError.usage(
                "--lease-name: \(EchoedValue.quoted(leaseName)) is not a valid object name (lowercase letters, digits, '-', '.')")
        }
        if let leaseNamespace, !NamespaceName.isValid(leaseNamespace) {
            throw CLIError.usage("--lease-namespace: \(EchoedValue.quoted(leaseNamespace)) is not a valid namespace name")
        }
    }
}

/// Kubernetes object names as RFC 1123 subdomains.
enum NamespaceName {
    static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 253, let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
        return allowed && (first.isLetter || first.isNumber) && (last.isLetter || last.isNumber)
    }
}
