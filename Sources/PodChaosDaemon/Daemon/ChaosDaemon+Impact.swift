import Foundation
import Logging
import PodChaos

/// What a kill run with probes did to the users: counted for `/plan`; a steady state broken before is a skip
/// (`steady_state_not_met`); an abort or a steady state broken after holds the owners killed (`impact_cooldown`) until
/// an operator annotates them `podchaosmonkey.io/impact-cleared=<killId>`.
extension ChaosDaemon {
    /// Counts the run's impact and, when it hurt, holds its owners and persists the holds.
    func recordImpact(_ report: KillReport, tick: Int) async {
        guard let probes = report.probes else { return }
        let impact = KillImpact(report: report, probes: probes, at: clock.now())
        state.lastProbedKill = impact
        state.probedKills.count(impact.outcome)
        if impact.outcome == .steadyStateNotMet {
            metrics.skipped(.steadyStateNotMet)
            state.lastDecision = "skip"
            state.lastSkipReason = .steadyStateNotMet
            lastOutcome = .skipped(.steadyStateNotMet)
            logger.info(
                "tick skipped",
                metadata: [
                    "tick": "\(tick)", "decision": "skip", "reason": "\(SkipReason.steadyStateNotMet.rawValue)",
                    "detail": "\(impact.reason ?? "steady state not met")",
                ])
            return
        }
        guard impact.outcome.isHarmful else { return }
        let reason = impact.reason ?? impact.outcome.rawValue
        for kill in report.kills where kill.result == .killed {
            guard let owner = kill.owner else { continue }
            let key = KillHistory.ownerKey(namespace: kill.pod.namespace, kind: owner.kind, name: owner.name)
            let hold = ImpactHold(killId: kill.killId.rawValue, reason: reason, since: impact.at)
            history.hold(owner: key, hold)
            logger.warning(
                "owner held: the kill hurt its users",
                metadata: [
                    "tick": "\(tick)", "decision": "impact-hold", "kill-id": "\(kill.killId)", "owner": "\(key)", "reason": "\(reason)",
                    "clear": "\(hold.clearCommand(owner: key))",
                ])
        }
        metrics.impactCooldownOwners(history.impactHolds.count)
        await persistHistory()
    }

    /// Releases each held owner whose `podchaosmonkey.io/impact-cleared` annotation names the kill that holds it, logging
    /// each clear once; `owners` are the owners the tick's inventory saw, by `KillHistory.ownerKey`. True when any was.
    func releaseClearedHolds(_ owners: [String: Workload]) -> Bool {
        var released = false
        for (key, hold) in history.impactHolds.sorted(by: { $0.key < $1.key }) {
            guard let owner = owners[key], hold.isCleared(by: owner.annotations) else { continue }
            history.clearHold(owner: key)
            released = true
            logger.notice(
                "owner released: impact hold cleared",
                metadata: ["tick": "\(tickNumber)", "decision": "impact-cleared", "kill-id": "\(hold.killId)", "owner": "\(key)"])
        }
        metrics.impactCooldownOwners(history.impactHolds.count)
        return released
    }

    /// The held owners for `/plan`, oldest hold first.
    func heldOwners() -> [PlanSnapshot.HeldOwner] {
        history.impactHolds.sorted { ($0.value.since, $0.key) < ($1.value.since, $1.key) }.map { key, hold in
            PlanSnapshot.HeldOwner(
                owner: key, killId: hold.killId, reason: hold.reason, since: hold.since, clear: hold.clearCommand(owner: key))
        }
    }
}
