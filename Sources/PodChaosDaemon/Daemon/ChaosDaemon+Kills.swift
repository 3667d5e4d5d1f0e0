import Foundation
import KubeAPI
import Logging
import PodChaos

/// Handing owners to the engine and hearing back: each attempt is recorded, persisted and then announced; each
/// verdict logged and announced, or, for an observation abandoned at shutdown, the interruption; a failed or abandoned
/// kill counted as a skip; a run with probes counted by its impact (ChaosDaemon+Impact).
extension ChaosDaemon {
    func startKill(_ owners: [Workload]) {
        var kill = options.kill
        kill.owners = Set(owners.map(\.uid))
        kill.count = .count(owners.count)
        kill.maxKills = owners.count
        kill.perOwner = 1
        kill.scaleDownSelf = false
        kill.recovery.timeline = false
        kill.seed = generator.next() >> 1
        let engine = self.engine
        let leadership = self.leadership
        let tick = tickNumber
        let done = StopSignal()
        inFlightDone = done
        inFlight = Task {
            defer { done.trigger() }
            // Planning took a while: a leader that lost its lease meanwhile must not kill.
            guard await leadership.isLeading() else {
                self.lostLeadership(tick: tick)
                return
            }
            do {
                let report = try await engine.kill(kill, onKill: { attempt in await self.didAttempt(attempt, tick: tick) })
                await self.didFinish(report, tick: tick)
            } catch {
                self.killFailed(error, tick: tick)
            }
        }
    }

    /// Each attempt as the engine makes it: a kill is recorded and persisted before anyone is told it happened.
    func didAttempt(_ kill: KillReport.Kill, tick: Int) async {
        let counted = kill.result == .killed || kill.result == .dryRun
        if counted {
            let ownerKey = kill.owner.map { KillHistory.ownerKey(namespace: kill.pod.namespace, kind: $0.kind, name: $0.name) }
            history.record(owner: ownerKey, namespace: kill.pod.namespace, at: clock.now())
            await persistHistory()
            if kill.result == .killed { pendingKills.append((kill, tick)) }
        }
        var metadata: Logger.Metadata = [
            "tick": "\(tick)", "decision": "kill", "kill-id": "\(kill.killId)", "namespace": "\(kill.pod.namespace)",
            "owner": "\(kill.owner.map { "\($0.kind)/\($0.name)" } ?? "<none>")", "pod": "\(kill.pod.name)",
            "result": "\(kill.result.rawValue)",
        ]
        if let reason = kill.reason { metadata["reason"] = "\(reason)" }
        logger.info("kill", metadata: metadata)
        if counted { notifier.killed(kill) }
    }

    func didFinish(_ report: KillReport, tick: Int) async {
        for kill in report.kills where kill.result == .killed && !interruptedKills.contains(kill.killId.rawValue) {
            guard let recovery = kill.recovery else { continue }
            var metadata: Logger.Metadata = [
                "tick": "\(tick)", "decision": "verdict", "kill-id": "\(kill.killId)", "namespace": "\(kill.pod.namespace)",
                "owner": "\(kill.owner.map { "\($0.kind)/\($0.name)" } ?? "<none>")", "verdict": "\(recovery.verdict.rawValue)",
            ]
            if let reason = recovery.reason { metadata["reason"] = "\(reason.rawValue)" }
            logger.info("recovery", metadata: metadata)
            notifier.recovered(kill)
        }
        await recordImpact(report, tick: tick)
        if report.kills.isEmpty, report.probes?.before != .notMet {
            logger.info(
                "kill",
                metadata: ["tick": "\(tick)", "decision": "kill", "result": "nothing-killed", "reason": "no victim left at kill time"])
        }
        finishedInFlight()
    }

    func killFailed(_ error: any Error, tick: Int) {
        metrics.skipped(.apiError)
        lastOutcome = .skipped(.apiError)
        logger.warning(
            "kill", metadata: ["tick": "\(tick)", "decision": "skip", "reason": "\(SkipReason.apiError.rawValue)", "error": "\(error)"])
        finishedInFlight()
    }

    func lostLeadership(tick: Int) {
        metrics.skipped(.notLeader)
        lastOutcome = .skipped(.notLeader)
        logger.info("kill", metadata: ["tick": "\(tick)", "decision": "skip", "reason": "\(SkipReason.notLeader.rawValue)"])
        finishedInFlight()
    }

    private func finishedInFlight() {
        pendingKills.removeAll()
        interruptedKills.removeAll()
        inFlight = nil
        inFlightDone = nil
    }

    /// At `--shutdown-timeout`: cancels the observation and reports each kill still being observed as interrupted —
    /// logged with its kill-id and announced, without a verdict.
    func interruptRecoveries() {
        inFlight?.cancel()
        let timeout = GoDuration.format(options.shutdownTimeout, precision: .readable)
        for (kill, tick) in pendingKills where !interruptedKills.contains(kill.killId.rawValue) {
            interruptedKills.insert(kill.killId.rawValue)
            logger.warning(
                "recovery interrupted",
                metadata: [
                    "tick": "\(tick)", "decision": "interrupted", "kill-id": "\(kill.killId)", "namespace": "\(kill.pod.namespace)",
                    "owner": "\(kill.owner.map { "\($0.kind)/\($0.name)" } ?? "<none>")",
                    "reason": "observation abandoned at --shutdown-timeout \(timeout)",
                ])
            notifier.interrupted(kill)
        }
    }

    /// Waits until no kill is being observed (tests and `--once`).
    func waitForRecoveries() async {
        while let task = inFlight { await task.value }
    }
}
