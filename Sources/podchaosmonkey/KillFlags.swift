import ArgumentParser
import PodChaos

/// How many pods and how: the flags of `kill` and `plan`.
struct KillFlags: ParsableArguments {
    @Option(help: "Kill this many pods (default 1).")
    var count: Int?

    @Option(help: "Kill this percentage of eligible pods (at least one).")
    var percent: Double?

    @Flag(help: "Kill every eligible pod (still capped by --max-kills).")
    var all = false

    @Option(help: "Hard cap on kills in this run, whatever else is asked.")
    var maxKills: Int = 1

    @Option(help: "Seed for the random choice; printed in every report so a run can be repeated.")
    var seed: UInt64?

    @Option(help: "evict (honours PodDisruptionBudgets), delete, or force (grace period 0).")
    var mode: KillMode = .evict

    @Option(help: "Grace period for the kill, e.g. 10s (default: each pod's terminationGracePeriodSeconds).")
    var gracePeriod: String?

    @Option(help: "serial or parallel.")
    var sequence: KillSequenceMode = .serial

    @Option(help: "Pause between kills in serial sequence, e.g. 5s.")
    var intervalBetween: String?

    @Option(help: "none, client (no mutating call) or server (real requests with dryRun=All). A bare --dry-run means client.")
    var dryRun: DryRunMode = .none

    @Option(help: "Ready pods each owner must keep after a kill (0 allows killing single replicas).")
    var minReady: Int = 1

    @Option(help: "Victims per owner in one run.")
    var perOwner: Int = 1

    @Flag(help: "Afterwards, scale podchaosmonkey's own Deployment to 0 (needs POD_NAME/POD_NAMESPACE).")
    var scaleDownSelf = false

    @Flag(help: "Do not watch the owners recover; report as soon as the kills are done.")
    var noWait = false

    @Option(help: "How long to wait for each owner to recover, e.g. 2m.")
    var recoveryTimeout: String = "5m"

    @Option(help: "Recovery objective for owners without the podchaosmonkey.io/recovery-slo annotation, e.g. 30s.")
    var recoverySLO: String?

    @Flag(help: "Include every pod transition of the observed namespaces in the JSON report.")
    var timeline = false

    @Option(
        help: ArgumentHelp(
            "Measure user impact before, during and after the kills: URL, service:NAMESPACE/NAME:PORT/PATH or prometheus:URL, then key=value options; repeatable. See docs/probes.md.",
            valueName: "probe"))
    var probe: [String] = []

    @Option(help: "With --probe: how long the steady state is measured before the first kill, e.g. 10s.")
    var probeBaseline = "10s"

    @Option(help: "With --probe: how long the steady state is measured once the owners recovered, e.g. 10s.")
    var probeAfter = "10s"

    @Option(
        help:
            "With --probe: how a service: probe reaches the Service: auto (cluster DNS inside a pod, else the API server's proxy), dns or proxy."
    )
    var probeVia: ProbeRoute = .auto

    func options(criteria: SelectionCriteria) throws -> KillOptions {
        let chosen = [count != nil, percent != nil, all].filter { $0 }.count
        guard chosen <= 1 else { throw CLIError.usage("--count, --percent and --all are mutually exclusive") }
        if let count, count < 1 { throw CLIError.usage("--count: must be at least 1, got \(count)") }
        if let percent, !(percent > 0 && percent <= 100) {
            throw CLIError.usage("--percent: must be more than 0 and at most 100, got \(percent)")
        }
        guard maxKills >= 0 else { throw CLIError.usage("--max-kills: must not be negative, got \(maxKills)") }
        guard minReady >= 0 else { throw CLIError.usage("--min-ready: must not be negative, got \(minReady)") }
        guard perOwner >= 1 else { throw CLIError.usage("--per-owner: must be at least 1, got \(perOwner)") }
        let killCount: KillCount = all ? .all : percent.map(KillCount.percent) ?? .count(count ?? 1)
        return KillOptions(
            criteria: criteria, count: killCount, maxKills: maxKills, seed: seed ?? UInt64.random(in: 0...999_999), mode: mode,
            gracePeriod: try gracePeriod.map { text in try durationFlag("--grace-period", text, allowingZero: true) },
            sequence: sequence,
            intervalBetween: try intervalBetween.map { text in try durationFlag("--interval-between", text, allowingZero: true) },
            dryRun: dryRun, minReady: minReady, perOwner: perOwner, scaleDownSelf: scaleDownSelf,
            recovery: RecoveryOptions(
                wait: !noWait,
                timeout: try durationFlag("--recovery-timeout", recoveryTimeout, allowingZero: false),
                slo: try recoverySLO.map { text in try durationFlag("--recovery-slo", text, allowingZero: false) },
                timeline: timeline),
            probes: try probes(), probeWindows: try probeWindows())
    }

    private func probes() throws -> [ProbeSpec] {
        do {
            return try ProbeSpecParser.parse(probe)
        } catch {
            throw CLIError.usage(error.description)
        }
    }

    private func probeWindows() throws -> ProbeWindowLengths {
        do {
            return ProbeWindowLengths(
                baseline: try ProbeWindowLengths.window("--probe-baseline", probeBaseline),
                after: try ProbeWindowLengths.window("--probe-after", probeAfter))
        } catch {
            throw CLIError.usage(error.description)
        }
    }
}

extension KillMode: ExpressibleByArgument {}
extension KillSequenceMode: ExpressibleByArgument {}
extension DryRunMode: ExpressibleByArgument {}
