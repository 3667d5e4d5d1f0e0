import Foundation
import KubeAPI
import Logging

/// Runs one experiment: read the cluster, select, plan, kill, verify. I/O happens here, in the `InventorySource`
/// and in the `PodKiller`; the decisions are the pure functions of Selection, KillLedger and KillPlan, and of
/// `AttemptOutcome(answer:…)` for each answer to a kill.
public struct ChaosEngine: Sendable {
    let client: KubernetesClient
    let logger: Logger
    let version: String
    let now: @Sendable () -> Date
    let timer: any Clock<Duration>
    let metrics: ChaosMetrics
    let events: EventRecorder
    let inventory: any InventorySource
    let killer: any PodKiller
    let sharedWatches: (any RecoveryWatchSource)?
    let probeTransport: (any ProbeTransport)?

    /// `inventory`: where the cluster is read from; by default the API, on every plan. `killer`: what sends the kills;
    /// by default the API. `sharedWatches`: watches already running that recovery observation uses where they cover
    /// a namespace. `now` and `timer` tell the same time: timestamps and recovery phases are read from `now`; the
    /// recovery timeout and the pause between kills wait on `timer`. `probeTransport`: what sends the requests of
    /// `KillOptions.probes`; a run with probes and no transport fails before anything is read.
    public init(
        client: KubernetesClient, version: String, logger: Logger = Logger(label: "podchaosmonkey"), metrics: ChaosMetrics = ChaosMetrics(),
        instance: String = ProcessInfo.processInfo.hostName, now: @escaping @Sendable () -> Date = { Date() },
        timer: any Clock<Duration> = ContinuousClock(), inventory: (any InventorySource)? = nil, killer: (any PodKiller)? = nil,
        sharedWatches: (any RecoveryWatchSource)? = nil, probeTransport: (any ProbeTransport)? = nil
    ) {
        self.client = client
        self.inventory = inventory ?? InventoryLoader(client: client)
        self.killer = killer ?? APIPodKiller(client: client)
        self.sharedWatches = sharedWatches
        self.probeTransport = probeTransport
        self.version = version
        self.logger = logger
        self.metrics = metrics
        self.events = EventRecorder(client: client, instance: instance, logger: logger)
        self.now = now
        self.timer = timer
    }

    /// Reads the cluster and works out what a kill would do; mutates nothing.
    public func plan(_ options: KillOptions) async throws -> PlanResult {
        var criteria = options.criteria
        criteria.selfIdentity = try await resolveSelf(criteria.selfIdentity)
        let inventory = try await self.inventory.load(criteria)
        let selection = Selection.evaluate(inventory.candidates, criteria: criteria, now: now())
        let eligible =
            options.owners.map { owners in selection.eligible.filter { $0.owner.map { owners.contains($0.uid) } ?? false } }
            ?? selection.eligible
        let plan = KillPlan(eligible: eligible, count: options.count, maxKills: options.maxKills, seed: options.seed)
        let ledger = KillLedger(rules: options.safetyRules, budgets: inventory.budgets)
        let preview = plan.preview(ledger: ledger)
        let cause =
            preview.victims.isEmpty
            ? NothingKilled.cause(
                missingNamespaces: inventory.missingNamespaces, selection: selection, turnedAway: preview.skipped, blocked: [], plan: plan,
                rules: options.safetyRules, budgets: inventory.budgets)
            : nil
        return PlanResult(
            inventory: inventory, selection: selection, plan: plan, victims: preview.victims, skipped: preview.skipped, cause: cause)
    }

    /// Plans, then kills as planned (or only pretends, with a dry run), watches the owners recover, and reports.
    /// `onKill` hears of each attempt as soon as it is recorded, before recovery is awaited; the kill waits for it.
    /// Once `interruption` is raised no further kill starts and the recovery wait ends: the report says what happened,
    /// with the verdict `interrupted`.
    public func kill(
        _ options: KillOptions, progress: (@Sendable (RecoveryObserver) async -> Void)? = nil,
        onKill: (@Sendable (KillReport.Kill) async -> Void)? = nil, interruption: Interruption? = nil
    ) async throws -> KillReport {
        let startedAt = now()
        if !options.probes.isEmpty, probeTransport == nil { throw EngineError.noProbeTransport }
        let run = try await preflight(options, interruption: interruption)
        let chosenProbes = probes(for: run)
        if !chosenProbes.isEmpty, let probeTransport {
            return try await probedKill(
                run, probes: chosenProbes, transport: probeTransport, progress: progress, onKill: onKill, startedAt: startedAt)
        }
        let execution = await execute(run, onKill: onKill)
        let (kills, timeline) = try await collectRecovery(run, execution.attempts, progress: progress)
        try await finish(run)
        return report(run, kills: kills, turnedAway: execution.skipped, timeline: timeline, startedAt: startedAt)
    }

    /// Finds the tool's own workload, so its every replica is protected.
    private func resolveSelf(_ identity: SelfIdentity) async throws -> SelfIdentity {
        guard identity.ownerUID == nil else { return identity }
        var resolved = identity
        do {
            guard let own = try await OwnPod.read(identity, client: client) else { return identity }
            resolved.uid = resolved.uid ?? own.pod.metadata.uid
            resolved.namespace = resolved.namespace ?? own.pod.metadata.namespace
            resolved.ownerUID = own.workload?.uid
        } catch let error as KubeAPIError where error.isNotFound {
            logger.debug("own pod not found; protecting it by name only", metadata: ["pod": "\(identity.podName ?? "")"])
        }
        return resolved
    }
}
