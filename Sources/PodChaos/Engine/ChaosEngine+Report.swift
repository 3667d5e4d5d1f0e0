import Foundation

/// The last phase of a kill: the report, judged from the kills as they came out.
extension ChaosEngine {
    /// `turnedAway`: eligible pods the safety floor turned away while the plan was walked.
    func report(
        _ run: KillRun, kills: [KillReport.Kill], turnedAway: [Exclusion], timeline: Timeline?, startedAt: Date, probes: ProbesReport? = nil
    ) -> KillReport {
        let options = run.options
        let planned = run.planned
        let selection = KillReport.SelectionSummary(
            considered: planned.selection.considered, eligible: planned.selection.eligible.count,
            excluded: (planned.selection.excluded + turnedAway).map { exclusion in
                KillReport.Excluded(pod: .init(exclusion.candidate), reasons: exclusion.reasons.map(\.rawValue))
            }, missingNamespaces: planned.inventory.missingNamespaces)
        var verdict = KillReport.Verdict(judging: kills, interrupted: run.interruption?.cause != nil)
        var reason: String? =
            switch verdict {
            case .interrupted: run.interruption?.cause.map { "interrupted by \($0.name)" }
            case .nothingKilled:
                NothingKilled.cause(
                    missingNamespaces: planned.inventory.missingNamespaces, selection: planned.selection, turnedAway: turnedAway,
                    blocked: kills.filter { $0.result == .blocked }.map { $0.reason ?? "blocked" }, plan: planned.plan,
                    rules: options.safetyRules, budgets: run.budgets)
            case .pass, .fail: nil
            }
        if verdict != .interrupted, let probes, let (judged, why) = probes.verdict {
            verdict = judged
            reason = why
        }
        return KillReport(
            tool: .init(version: version), startedAt: startedAt, finishedAt: now(), dryRun: options.dryRun.reportValue,
            mode: options.mode.rawValue, seed: options.seed, selection: selection, count: .init(planned.plan), kills: kills,
            verdict: verdict, reason: reason, timeline: timeline, probes: probes)
    }
}

extension KillReport.Verdict {
    /// `interrupted` when the run was; else `fail` when a kill failed or a killed pod's owner did not recover as
    /// required, `pass` when anything was killed (or found gone, or would have been killed in a dry run), and
    /// `nothingKilled` otherwise.
    init(judging kills: [KillReport.Kill], interrupted: Bool) {
        let failed = kills.contains { kill in
            kill.result == .failed || (kill.result == .killed && kill.recovery.map { $0.verdict != .notObserved && !$0.passed } == true)
        }
        let succeeded = kills.contains { $0.result == .killed || $0.result == .gone || $0.result == .dryRun }
        self = interrupted ? .interrupted : failed ? .fail : succeeded ? .pass : .nothingKilled
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
