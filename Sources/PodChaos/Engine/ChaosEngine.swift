import Foundation
import KubeAPI
import Logging

/// Runs one experiment: read the cluster, select, plan, kill, verify. I/O happens here and in `PodKiller`;
/// the decisions are the pure functions of Selection, KillLedger and KillPlan.
public struct ChaosEngine: Sendable {
    let client: KubernetesClient
    let logger: Logger
    let version: String
    let now: @Sendable () -> Date
    let metrics: ChaosMetrics
    let events: EventRecorder
    let inventory: any InventorySource
    let sharedWatches: (any RecoveryWatchSource)?

    /// `inventory`: where the cluster is read from; by default the API, on every plan. `sharedWatches`: watches
    /// already running that recovery observation uses where they cover a namespace.
    public init(
        client: KubernetesClient, version: String, logger: Logger = Logger(label: "podchaosmonkey"), metrics: ChaosMetrics = ChaosMetrics(),
        instance: String = ProcessInfo.processInfo.hostName, now: @escaping @Sendable () -> Date = { Date() },
        inventory: (any InventorySource)? = nil, sharedWatches: (any RecoveryWatchSource)? = nil
    ) {
        self.client = client
        self.inventory = inventory ?? InventoryLoader(client: client)
        self.sharedWatches = sharedWatches
        self.version = version
        self.logger = logger
        self.metrics = metrics
        self.events = EventRecorder(client: client, instance: instance, logger: logger)
        self.now = now
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
        let interrupted: @Sendable () -> Bool = { interruption?.isRaised ?? false }
        let startedAt = now()
        // Checked before anything is killed: a run that cannot finish as asked must not start.
        if options.scaleDownSelf, options.criteria.selfIdentity.podName == nil { throw EngineError.selfUnknown }
        let planned = try await plan(options)
        let ledger = KillLedger(rules: options.safetyRules, budgets: planned.inventory.budgets)

        let killer =
            options.dryRun == .client
            ? DryRunKiller() as any PodKiller
            : APIPodKiller(client: client, mode: options.mode, gracePeriod: options.gracePeriod, serverDryRun: options.dryRun == .server)
        let willKill = !planned.plan.order.isEmpty && planned.plan.target > 0
        let observing = options.dryRun == .none && options.recovery.wait && willKill
        let observer = observing ? recoveryObserver(planned, options) : nil
        if let observer {
            // The first victim's namespace is watched before any kill: a missing permission fails the run unharmed.
            if let first = planned.victims.first ?? planned.plan.order.first { _ = await observer.watch(namespace: first.namespace) }
            if let refusal = await observer.refusal {
                await observer.stop()
                throw refusal
            }
        }
        // A permission the run will need later is proven now, while nothing has been harmed yet; the Event permission
        // where the first victim lives now, elsewhere before the first kill there.
        var ownDeployment: Workload?
        let eventGate = options.dryRun != .client && willKill ? EventPermissionGate(events: events, mode: options.mode, now: now) : nil
        if let eventGate {
            do {
                if let first = planned.victims.first ?? planned.plan.order.first { try await eventGate.prove(first) }
                if options.scaleDownSelf {
                    let deployment = try await resolveOwnDeployment(options.criteria.selfIdentity)
                    _ = try await client.setReplicas(
                        Deployment.self, namespace: deployment.namespace, name: deployment.name, replicas: 0, dryRun: true)
                    ownDeployment = deployment
                }
            } catch {
                await observer?.stop()
                throw error
            }
        }
        let budgets = planned.inventory.budgets
        let execution = await planned.plan.execute(
            ledger: ledger, parallel: options.sequence == .parallel, interval: options.intervalBetween, stopped: interrupted
        ) { candidate in
            let killID = KillID(time: now())
            var requestedAt = now()
            var observed = false
            var watched = true
            if let observer, let owner = candidate.owner, RecoveryObserver.observedKinds.contains(owner.kind) {
                watched = await observer.watch(namespace: candidate.namespace)
                if watched {
                    requestedAt = await observer.expect(
                        killID: killID, victim: candidate.pod, owner: owner, slo: objective(for: owner, options))
                    observed = true
                }
            }
            // A watch or Event permission refused here (not in the first namespace) stops the run before this kill; the
            // refusal is thrown below.
            let outcome: AttemptOutcome
            if await observer?.refusal != nil {
                outcome = .failed(reason: "the recovery watch was refused")
            } else if let eventGate, await !eventGate.admits(candidate) {
                outcome = .failed(reason: "writing the kill's Event was refused")
            } else {
                outcome = await killer.kill(candidate, budgets: budgets)
            }
            if observed, outcome != .killed, let observer { await observer.cancel(killID) }
            logger.info(
                "kill attempt",
                metadata: ["kill-id": "\(killID)", "pod": "\(candidate.key)", "mode": "\(options.mode.rawValue)", "outcome": "\(outcome)"])
            var kill = await record(candidate, outcome: outcome, requestedAt: requestedAt, options: options)
            kill.killId = killID
            kill.recovery =
                watched
                ? unobservedRecovery(candidate, outcome: kill.result, options: options, observed: observed)
                : kill.result == .killed ? .notObserved(.watchLimit) : nil
            metrics.kill(namespace: candidate.namespace, ownerKind: candidate.owner?.kind, mode: options.mode, result: kill.result)
            await onKill?(kill)
            if kill.result == .killed {
                await events.killed(candidate, mode: options.mode, seed: options.seed, killID: killID, at: requestedAt)
            }
            return (outcome, kill)
        }
        var kills = execution.attempts.map(\.payload)
        var victims: [KillID: Candidate] = [:]
        for (attempt, kill) in execution.attempts { victims[kill.killId] = attempt.candidate }

        var timeline: Timeline?
        if let observer {
            let progressTask = progress.map { report in Task { await report(observer) } }
            let results = await observer.results(timeout: options.recovery.timeout, interrupted: interrupted)
            progressTask?.cancel()
            for index in kills.indices {
                guard let result = results[kills[index].killId], let victim = victims[kills[index].killId], let owner = victim.owner else {
                    continue
                }
                kills[index].recovery = result
                // An interrupted wait observed no outcome: nothing to count, and no Event to tell the owner.
                guard result.verdict != .interrupted else { continue }
                metrics.recovery(result, namespace: owner.namespace, ownerKind: owner.kind)
                await events.recovery(
                    result, owner: owner, victim: victim, killID: kills[index].killId, timeout: options.recovery.timeout, at: now())
            }
            timeline = options.recovery.timeline ? await observer.timeline : nil
            await observer.stop()
            if let refusal = await observer.refusal { throw refusal }
        }
        if let refusal = await eventGate?.refusal { throw refusal }

        if options.scaleDownSelf, options.dryRun == .none {
            let deployment: Workload
            if let ownDeployment {
                deployment = ownDeployment
            } else {
                deployment = try await resolveOwnDeployment(options.criteria.selfIdentity)
            }
            _ = try await client.setReplicas(Deployment.self, namespace: deployment.namespace, name: deployment.name, replicas: 0)
            logger.info("scaled own Deployment to 0", metadata: ["deployment": "\(deployment.namespace)/\(deployment.name)"])
        }

        let selection = KillReport.SelectionSummary(
            considered: planned.selection.considered, eligible: planned.selection.eligible.count,
            excluded: (planned.selection.excluded + execution.skipped).map { exclusion in
                KillReport.Excluded(pod: .init(exclusion.candidate), reasons: exclusion.reasons.map(\.rawValue))
            }, missingNamespaces: planned.inventory.missingNamespaces)
        let failed = kills.contains { kill in
            kill.result == .failed || (kill.result == .killed && kill.recovery.map { $0.verdict != .notObserved && !$0.passed } == true)
        }
        let succeeded = kills.contains { $0.result == .killed || $0.result == .gone || $0.result == .dryRun }
        let verdict: KillReport.Verdict
        var reason: String?
        if let cause = interruption?.cause {
            verdict = .interrupted
            reason = "interrupted by \(cause.name)"
        } else {
            verdict = failed ? .fail : (succeeded ? .pass : .nothingKilled)
        }
        if verdict == .nothingKilled {
            reason = NothingKilled.cause(
                missingNamespaces: planned.inventory.missingNamespaces, selection: planned.selection, turnedAway: execution.skipped,
                blocked: kills.filter { $0.result == .blocked }.map { $0.reason ?? "blocked" }, plan: planned.plan,
                rules: options.safetyRules, budgets: budgets)
        }
        return KillReport(
            tool: .init(version: version), startedAt: startedAt, finishedAt: now(), dryRun: options.dryRun.reportValue,
            mode: options.mode.rawValue, seed: options.seed, selection: selection, count: .init(planned.plan), kills: kills,
            verdict: verdict, reason: reason, timeline: timeline)
    }

    /// Watches recovery where kills happen: namespace by namespace, or cluster-wide from the start when the victims
    /// span more namespaces than can be watched one by one and the configuration may read every namespace.
    private func recoveryObserver(_ planned: PlanResult, _ options: KillOptions) -> RecoveryObserver {
        let mayWatchCluster = options.criteria.namespaces.listsAllNamespaces
        let spread = Set(planned.victims.map(\.namespace)).count
        return RecoveryObserver(
            client: client, logger: logger, clock: now, mayWatchCluster: mayWatchCluster,
            clusterWide: mayWatchCluster && RecoveryObserver.prefersClusterWide(namespaces: spread), shared: sharedWatches)
    }

    /// The objective for `owner`: its `podchaosmonkey.io/recovery-slo` annotation, else `--recovery-slo`.
    private func objective(for owner: Workload, _ options: KillOptions) -> Duration? {
        if let text = owner.annotations[PodChaosKeys.recoverySLO] {
            if let parsed = try? DurationParser.parse(text) { return parsed }
            logger.warning("ignoring invalid recovery objective", metadata: ["owner": "\(owner)", "value": "\(text)"])
        }
        return options.recovery.slo
    }

    /// The recovery entry of a kill that is not being watched, saying why; nil for dry runs.
    private func unobservedRecovery(_ candidate: Candidate, outcome: KillReport.Result, options: KillOptions, observed: Bool)
        -> RecoveryResult?
    {
        switch outcome {
        case .dryRun: return nil
        case .blocked: return .notObserved(.blockedByDisruptionBudget)
        case .failed, .gone: return nil
        case .killed:
            if !options.recovery.wait { return .notObserved(.noWait) }
            guard let owner = candidate.owner else { return .notObserved(.noOwner) }
            return observed ? nil : .notObserved(RecoveryObserver.observedKinds.contains(owner.kind) ? .noWait : .unsupportedOwner)
        }
    }

    private func record(_ candidate: Candidate, outcome: AttemptOutcome, requestedAt: Date, options: KillOptions) async
        -> KillReport.Kill
    {
        var result: KillReport.Result
        var reason: String?
        switch outcome {
        case .killed:
            result = options.dryRun == .none ? .killed : .dryRun
            if options.dryRun == .none, let problem = await verifyGone(candidate) {
                result = .failed
                reason = problem
            }
        case .gone: result = .gone
        case .blocked(let why):
            result = .blocked
            reason = why
        case .failed(let why):
            result = .failed
            reason = why
        }
        return KillReport.Kill(
            killId: KillID(time: requestedAt), pod: .init(candidate), owner: candidate.owner.map(KillReport.OwnerRef.init),
            action: options.mode.rawValue, result: result, reason: reason, requestedAt: requestedAt, recovery: nil)
    }

    /// The seed's check: the victim with that UID is gone or Terminating. Returns the problem, if any.
    private func verifyGone(_ candidate: Candidate) async -> String? {
        do {
            let pod = try await client.get(Pod.self, namespace: candidate.namespace, name: candidate.name)
            if pod.metadata.uid != candidate.uid || pod.isTerminating { return nil }
            return "the API accepted the kill but pod \(candidate.key) (uid \(candidate.uid)) is still running"
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        } catch {
            return "could not verify the kill: \(error)"
        }
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

    /// The Deployment `--scale-down-self` scales: the controller of the tool's own pod.
    private func resolveOwnDeployment(_ identity: SelfIdentity) async throws -> Workload {
        guard let own = try await OwnPod.read(identity, client: client) else { throw EngineError.selfUnknown }
        guard let deployment = own.deployment else { throw EngineError.selfNotDeployment(own.pod.name) }
        return deployment
    }
}

/// `--dry-run=client`: every admissible victim counts as killed, and nothing is sent.
struct DryRunKiller: PodKiller {
    func kill(_ candidate: Candidate, budgets: DisruptionBudgets) async -> AttemptOutcome { .killed }
}

/// An engine precondition that does not hold; `description` is the one line the CLI prints.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case selfUnknown
        case selfNotDeployment(String)
    }

    private let code: Code
    static let selfUnknown = EngineError(code: .selfUnknown)
    static func selfNotDeployment(_ pod: String) -> EngineError { EngineError(code: .selfNotDeployment(pod)) }

    public var description: String {
        switch code {
        case .selfUnknown:
            "--scale-down-self needs to know its own pod: set POD_NAME and POD_NAMESPACE through the downward API"
        case .selfNotDeployment(let pod):
            "--scale-down-self: own pod \(pod) is not managed by a Deployment"
        }
    }
}

extension DryRunMode {
    var reportValue: KillReport.DryRun {
        switch self {
        case .none: .none
        case .client: .client
        case .server: .server
        }
    }
}

extension KillReport.PodRef {
    init(_ candidate: Candidate) {
        self.init(namespace: candidate.namespace, name: candidate.name, uid: candidate.uid)
    }
}

extension KillReport.OwnerRef {
    init(_ workload: Workload) {
        self.init(kind: workload.kind, name: workload.name, uid: workload.uid)
    }
}
