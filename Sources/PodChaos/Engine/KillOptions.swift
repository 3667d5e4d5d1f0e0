/// How pods are killed (`--mode`).
public enum KillMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// The Eviction API: PodDisruptionBudgets are honoured; a refusal is a finding, not a failure.
    case evict
    /// DELETE with a UID precondition, so a same-named replacement is never hit.
    case delete
    /// DELETE with grace period 0.
    case force
}

/// `--dry-run`: `client` makes no mutating call; `server` sends the real request with `dryRun=All`.
public enum DryRunMode: String, Sendable, Hashable, CaseIterable, Codable {
    case none
    case client
    case server
}

/// `--sequence`: one victim after another, or all at once.
public enum KillSequenceMode: String, Sendable, Hashable, CaseIterable, Codable {
    case serial
    case parallel
}

/// Whether and how long to watch victims' owners recover.
public struct RecoveryOptions: Sendable, Hashable {
    /// False with `--no-wait`: kill and report at once.
    public var wait: Bool
    /// `--recovery-timeout`, default 5 minutes.
    public var timeout: Duration
    /// `--recovery-slo`: the objective for owners without the `podchaosmonkey.io/recovery-slo` annotation.
    public var slo: Duration?
    /// `--timeline`: include every pod transition of the observed namespaces in the report.
    public var timeline: Bool

    public init(wait: Bool = true, timeout: Duration = .seconds(300), slo: Duration? = nil, timeline: Bool = false) {
        self.wait = wait
        self.timeout = timeout
        self.slo = slo
        self.timeline = timeline
    }
}

/// Everything a `kill` or `plan` run needs besides the cluster.
public struct KillOptions: Sendable {
    public var criteria: SelectionCriteria
    public var count: KillCount
    /// Hard cap no other option can exceed (`--max-kills`, default 1).
    public var maxKills: Int
    public var seed: UInt64
    public var mode: KillMode
    /// Overrides each pod's terminationGracePeriodSeconds; ignored by `force` (always 0).
    public var gracePeriod: Duration?
    public var sequence: KillSequenceMode
    public var intervalBetween: Duration?
    public var dryRun: DryRunMode
    public var minReady: Int
    public var perOwner: Int
    public var scaleDownSelf: Bool
    public var recovery: RecoveryOptions
    /// When set, only pods of these owners (workload uids) may be victims: the daemon draws owners, the engine picks
    /// their pod under the same safety rules.
    public var owners: Set<String>?
    /// `--probe`: measured from before the first kill until after the verdict; empty runs no probe.
    public var probes: [ProbeSpec]
    /// `--probe-baseline` and `--probe-after`.
    public var probeWindows: ProbeWindowLengths

    public init(
        criteria: SelectionCriteria = SelectionCriteria(),
        count: KillCount = .count(1),
        maxKills: Int = 1,
        seed: UInt64 = UInt64.random(in: 0...UInt64(Int64.max)),
        mode: KillMode = .evict,
        gracePeriod: Duration? = nil,
        sequence: KillSequenceMode = .serial,
        intervalBetween: Duration? = nil,
        dryRun: DryRunMode = .none,
        minReady: Int = 1,
        perOwner: Int = 1,
        scaleDownSelf: Bool = false,
        recovery: RecoveryOptions = RecoveryOptions(),
        owners: Set<String>? = nil,
        probes: [ProbeSpec] = [],
        probeWindows: ProbeWindowLengths = ProbeWindowLengths()
    ) {
        self.criteria = criteria
        self.count = count
        self.maxKills = maxKills
        self.seed = seed
        self.mode = mode
        self.gracePeriod = gracePeriod
        self.sequence = sequence
        self.intervalBetween = intervalBetween
        self.dryRun = dryRun
        self.minReady = minReady
        self.perOwner = perOwner
        self.scaleDownSelf = scaleDownSelf
        self.recovery = recovery
        self.owners = owners
        self.probes = probes
        self.probeWindows = probeWindows
    }

    public var safetyRules: SafetyRules {
        SafetyRules(minReady: minReady, perOwner: perOwner, honourDisruptionBudgets: mode == .evict)
    }
}
