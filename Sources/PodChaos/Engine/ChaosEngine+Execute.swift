import Foundation
import KubeAPI

/// The second phase of a kill: the plan is walked, and each attempt is registered for recovery before it is sent,
/// then recorded and made known.
extension ChaosEngine {
    /// How a kill's recovery is followed, decided just before the kill is sent.
    enum RecoveryTracking: Sendable, Hashable {
        /// The observer tracks it from the request on.
        case tracked
        /// Not tracked: the run does not wait, or the owner is of a kind the observer does not follow, or there is none.
        case untracked
        /// Its namespace could not be watched within the watch limit.
        case pastWatchLimit
    }

    /// Walks the plan as `run.options` ask; stops starting kills once the run is interrupted or `halt` is raised
    /// (checked after `settle`).
    func execute(
        _ run: KillRun, onKill: (@Sendable (KillReport.Kill) async -> Void)?, halt: Interruption? = nil,
        settle: (@Sendable () async -> Void)? = nil
    ) async
        -> (attempts: [(attempt: Attempt, payload: KillReport.Kill)], skipped: [Exclusion])
    {
        let ledger = KillLedger(rules: run.options.safetyRules, budgets: run.budgets)
        return await run.planned.plan.execute(
            ledger: ledger, parallel: run.options.sequence == .parallel, interval: run.options.intervalBetween,
            interruption: run.interruption, halt: halt, settle: settle, clock: timer,
            attempt: { candidate in await attempt(candidate, run, onKill: onKill) })
    }

    /// One attempt: tracked, sent, recorded; then logged, counted, handed to `onKill`, and, when it killed, written as an
    /// Event on the victim.
    private func attempt(_ candidate: Candidate, _ run: KillRun, onKill: (@Sendable (KillReport.Kill) async -> Void)?) async
        -> (AttemptOutcome, KillReport.Kill)
    {
        let options = run.options
        let killID = KillID(time: now())
        let (tracking, requestedAt) = await track(candidate, killID: killID, run)
        let outcome = await send(candidate, run)
        if tracking == .tracked, outcome != .killed { await run.observer?.cancel(killID) }
        logger.info(
            "kill attempt",
            metadata: ["kill-id": "\(killID)", "pod": "\(candidate.key)", "mode": "\(options.mode.rawValue)", "outcome": "\(outcome)"])
        var kill = await record(candidate, killID: killID, outcome: outcome, requestedAt: requestedAt, options: options)
        kill.recovery = unobservedRecovery(candidate, result: kill.result, tracking: tracking, options: options)
        metrics.kill(namespace: candidate.namespace, ownerKind: candidate.owner?.kind, mode: options.mode, result: kill.result)
        await onKill?(kill)
        if kill.result == .killed {
            await events.killed(candidate, mode: options.mode, seed: options.seed, killID: killID, at: requestedAt)
        }
        return (outcome, kill)
    }

    /// Registers the kill with the observer just before it is sent, so no early transition of the victim is missed.
    /// Returns how its recovery is followed, and when the kill was requested.
    private func track(_ candidate: Candidate, killID: KillID, _ run: KillRun) async -> (RecoveryTracking, Date) {
        guard let observer = run.observer, let owner = candidate.owner, RecoveryObserver.observedKinds.contains(owner.kind) else {
            return (.untracked, now())
        }
        guard await observer.watch(namespace: candidate.namespace) else { return (.pastWatchLimit, now()) }
        let requestedAt = await observer.expect(
            killID: killID, victim: candidate.pod, owner: owner, slo: objective(for: owner, run.options))
        return (.tracked, requestedAt)
    }

    /// The objective for `owner`: its `podchaosmonkey.io/recovery-slo` annotation, else `--recovery-slo`.
    private func objective(for owner: Workload, _ options: KillOptions) -> Duration? {
        if let text = owner.annotations[PodChaosKeys.recoverySLO] {
            if let parsed = try? DurationParser.parse(text) { return parsed }
            logger.warning("ignoring invalid recovery objective", metadata: ["owner": "\(owner)", "value": "\(text)"])
        }
        return options.recovery.slo
    }

    /// Sends the kill through the killer and reads its answer; a client dry run sends nothing. A watch or Event
    /// permission refused since the preflight (in another namespace) stops the run before this kill: the refusal is
    /// thrown once recovery has been collected.
    private func send(_ candidate: Candidate, _ run: KillRun) async -> AttemptOutcome {
        if await run.observer?.refusal != nil { return .failed(reason: "the recovery watch was refused") }
        if let eventGate = run.eventGate, await !eventGate.admits(candidate) {
            return .failed(reason: "writing the kill's Event was refused")
        }
        if run.options.dryRun == .client { return .killed }
        let answer: Result<DeletionOutcome, any Error>
        do {
            answer = .success(try await killer.kill(KillRequest(candidate, run.options)))
        } catch {
            answer = .failure(error)
        }
        let outcome = AttemptOutcome(answer: answer, for: candidate, budgets: run.budgets)
        guard case .failure(let error) = answer, case .failed(let reason) = outcome, Self.mayHaveBeenApplied(error) else { return outcome }
        return await resolveLostAnswer(candidate, failure: reason)
    }

    /// Whether a kill that failed with `error` may still have been applied: its answer was lost (a broken connection, a
    /// timeout) or was a server error. A refusal (4xx) was not applied.
    static func mayHaveBeenApplied(_ error: any Error) -> Bool {
        guard let error = error as? KubeAPIError else { return false }
        return error.isTransport || (error.httpStatus ?? 0) >= 500
    }

    /// Reads the victim to learn whether a kill whose answer was lost was applied: gone, replaced under its name or
    /// Terminating, it was killed; still running under its UID, or unreadable, the kill failed. Either way the run
    /// never turns to another victim for it.
    private func resolveLostAnswer(_ candidate: Candidate, failure: String) async -> AttemptOutcome {
        switch await victimState(candidate) {
        case .gone: return .killed
        case .running: return .failed(reason: failure)
        case .unknown(let error): return .failed(reason: "\(failure); whether it was applied is unknown: reading the pod failed: \(error)")
        }
    }

    /// The attempt's report entry. A kill the API accepted is checked: a victim still running is a failed kill.
    private func record(_ candidate: Candidate, killID: KillID, outcome: AttemptOutcome, requestedAt: Date, options: KillOptions) async
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
            killId: killID, pod: .init(candidate), owner: candidate.owner.map(KillReport.OwnerRef.init), action: options.mode.rawValue,
            result: result, reason: reason, requestedAt: requestedAt, recovery: nil)
    }

    /// The seed's check: the victim with that UID is gone or Terminating. Returns the problem, if any.
    private func verifyGone(_ candidate: Candidate) async -> String? {
        switch await victimState(candidate) {
        case .gone: return nil
        case .running: return "the API accepted the kill but pod \(candidate.key) (uid \(candidate.uid)) is still running"
        case .unknown(let error): return "could not verify the kill: \(error)"
        }
    }

    /// The victim as the API shows it now: gone (404, replaced under its name, or Terminating), still running under its
    /// UID, or unknown when it cannot be read.
    private func victimState(_ candidate: Candidate) async -> VictimState {
        do {
            let pod = try await killer.pod(namespace: candidate.namespace, name: candidate.name)
            return pod.metadata.uid != candidate.uid || pod.isTerminating ? .gone : .running
        } catch let error as KubeAPIError where error.isNotFound {
            return .gone
        } catch {
            return .unknown(error)
        }
    }

    /// The recovery entry of a kill whose recovery is not tracked, saying why; nil where there is none to give (dry
    /// runs, failed and gone kills, and kills still being tracked).
    private func unobservedRecovery(
        _ candidate: Candidate, result: KillReport.Result, tracking: RecoveryTracking, options: KillOptions
    ) -> RecoveryResult? {
        switch result {
        case .dryRun, .failed, .gone: return nil
        case .blocked: return tracking == .pastWatchLimit ? nil : .notObserved(.blockedByDisruptionBudget)
        case .killed:
            if tracking == .pastWatchLimit { return .notObserved(.watchLimit) }
            if !options.recovery.wait { return .notObserved(.noWait) }
            guard let owner = candidate.owner else { return .notObserved(.noOwner) }
            if tracking == .tracked { return nil }
            return .notObserved(RecoveryObserver.observedKinds.contains(owner.kind) ? .noWait : .unsupportedOwner)
        }
    }
}
