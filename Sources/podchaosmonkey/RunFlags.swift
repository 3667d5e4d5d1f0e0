import ArgumentParser
import Foundation
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

    @Option(help: "On SIGTERM/SIGINT, wait this long for the recovery being observed before abandoning it.")
    var shutdownTimeout: String = "30s"

    @Option(help: "Elect a leader through a coordination.k8s.io Lease, so only one replica kills (true or false).")
    var leaderElect: Bool = false

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

    @Option(help: "Slack incoming-webhook URL for a preset message per kill and verdict.")
    var slackWebhook: String?

    /// The schedule's interval, checked.
    func tickInterval() throws -> Duration {
        if cron != nil, interval != nil { throw CLIError.usage("--interval and --cron are mutually exclusive") }
        let parsed = try flag("--interval") { try DurationParser.parse(interval ?? "10m") }
        guard parsed > .zero else { throw CLIError.usage("--interval: must be more than 0, got \(interval ?? "")") }
        guard jitter >= 0, jitter < 1 else { throw CLIError.usage("--jitter: must be at least 0 and less than 1, got \(jitter)") }
        return parsed
    }

    /// Everything the daemon decides with; every flag this file owns is checked here, so a typo exits 2 before any tick.
    func daemonOptions(kill: KillOptions) throws -> DaemonOptions {
        _ = try tickInterval()
        try validateShapes()
        if let maxKillsPerHour, maxKillsPerHour < 0 {
            throw CLIError.usage("--max-kills-per-hour: must not be negative, got \(maxKillsPerHour)")
        }
        if let maxKillsPerNamespacePerHour, maxKillsPerNamespacePerHour < 0 {
            throw CLIError.usage("--max-kills-per-namespace-per-hour: must not be negative, got \(maxKillsPerNamespacePerHour)")
        }
        guard maxUnready >= 0 else { throw CLIError.usage("--max-unready: must not be negative, got \(maxUnready)") }
        let budget = KillBudget(
            maxKillsPerHour: maxKillsPerHour, maxKillsPerNamespacePerHour: maxKillsPerNamespacePerHour,
            minTimeBetweenKillsPerOwner: try flag("--min-time-between-kills-per-owner") {
                try DurationParser.parse(minTimeBetweenKillsPerOwner)
            }
        )
        let runtime = try maxRuntime.map { text in try flag("--max-runtime") { try DurationParser.parse(text) } }
        if let runtime, runtime <= .zero { throw CLIError.usage("--max-runtime: must be more than 0, got \(maxRuntime ?? "")") }
        var selfRef: DeploymentRef?
        if let selfDeployment {
            guard let parsed = DeploymentRef(parsing: selfDeployment) else {
                throw CLIError.usage("--self-deployment: expected NAMESPACE/NAME, got \"\(selfDeployment)\"")
            }
            selfRef = parsed
        }
        return DaemonOptions(
            kill: kill, budget: budget,
            mtbf: MTBFRule(defaultMTBF: try defaultMTBF.map { text in try flag("--default-mtbf") { try DurationParser.parse(text) } }),
            maxUnready: maxUnready, once: once, maxRuntime: runtime,
            shutdownTimeout: try flag("--shutdown-timeout") { try DurationParser.parse(shutdownTimeout) },
            selfDeployment: selfRef)
    }

    /// Shape checks for the flags whose behaviour other parts implement: a malformed value is refused now, whatever
    /// wires it later.
    func validateShapes() throws {
        if let cron {
            let fields = cron.split(whereSeparator: \.isWhitespace)
            guard fields.count == 5 || (fields.count == 1 && cron.hasPrefix("@")) else {
                throw CLIError.usage(
                    "--cron: expected 5 fields (minute hour day-of-month month day-of-week) or @hourly/@daily/@weekly, got \"\(cron)\"")
            }
        }
        guard TimeZone(identifier: timezone) != nil else {
            throw CLIError.usage("--timezone: unknown IANA time zone \"\(timezone)\", e.g. UTC or Europe/Berlin")
        }
        if let activeHours, activeHours.wholeMatch(of: /([01]?\d|2[0-4]):[0-5]\d-([01]?\d|2[0-4]):[0-5]\d/) == nil {
            throw CLIError.usage("--active-hours: expected HH:MM-HH:MM, e.g. 09:00-17:00, got \"\(activeHours)\"")
        }
        if let activeDays, activeDays.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CLIError.usage("--active-days: expected days such as Mon-Fri, got an empty value")
        }
        if let excludeDates, excludeDates.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CLIError.usage("--exclude-dates: expected dates such as 2026-12-24,12-25, got an empty value")
        }
        guard NamespaceName.isValid(leaseName) else {
            throw CLIError.usage("--lease-name: \"\(leaseName)\" is not a valid object name (lowercase letters, digits, '-', '.')")
        }
        if let leaseNamespace, !NamespaceName.isValid(leaseNamespace) {
            throw CLIError.usage("--lease-namespace: \"\(leaseNamespace)\" is not a valid namespace name")
        }
        guard let port = metricsAddress.split(separator: ":", omittingEmptySubsequences: false).last, metricsAddress.contains(":"),
            let number = Int(port), (0...65535).contains(number)
        else {
            throw CLIError.usage("--metrics-address: expected [HOST]:PORT, e.g. :8080, got \"\(metricsAddress)\"")
        }
        for url in webhook { try Self.checkURL(url, flag: "--webhook") }
        if let slackWebhook { try Self.checkURL(slackWebhook, flag: "--slack-webhook") }
        if let webhookTemplate, !FileManager.default.isReadableFile(atPath: webhookTemplate) {
            throw CLIError.usage("--webhook-template: cannot read \(webhookTemplate)")
        }
    }

    private static func checkURL(_ text: String, flag name: String) throws {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
            // The URL may carry a secret: name the flag, not the value.
            throw CLIError.usage("\(name): expected an http(s) URL")
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
