import Foundation
import PodChaos

/// What a kill run with probes did to its users, as `/plan` shows the last one: the outcome, and per probe the success
/// ratio in the disruption window and the steady-state hypothesis before and after. Pure: built from the report.
public struct KillImpact: Sendable, Encodable, Equatable {
    public enum Outcome: String, Sendable, Encodable {
        /// The steady state held before and after, and no probe aborted the run.
        case held
        /// The steady state did not hold before the kill: nothing was killed (`steady_state_not_met`).
        case steadyStateNotMet = "steady-state-not-met"
        /// A probe's abort criterion tripped: the owners killed are held (`impact_cooldown`).
        case aborted
        /// The steady state did not hold after recovery: the owners killed are held (`impact_cooldown`).
        case steadyStateNotMetAfter = "steady-state-not-met-after"
        /// The run was interrupted before the steady state was judged after it.
        case notJudged = "not-judged"

        /// The outcomes that hold the owners killed.
        public var isHarmful: Bool { self == .aborted || self == .steadyStateNotMetAfter }
    }

    public struct Probe: Sendable, Encodable, Equatable {
        public var name: String
        /// Success ratio of the disruption window; nil when there was none (nothing killed).
        public var disruptionSuccessRatio: Double?
        public var disruptionRequests: Int?
        public var before: ProbesReport.Hypothesis
        public var after: ProbesReport.Hypothesis
    }

    public var at: Date
    public var outcome: Outcome
    /// The report's `reason` line, when the probes decided the verdict.
    public var reason: String?
    /// The kills of the run, and their owners (`KillHistory.ownerKey`).
    public var killIds: [String]
    public var owners: [String]
    public var probes: [Probe]

    public init(report: KillReport, probes: ProbesReport, at: Date) {
        // A dry run hurt no one: its owners are not held, whatever the probes saw.
        let killed = report.kills.filter { $0.result == .killed }
        self.at = at
        outcome = Self.outcome(probes)
        reason = probes.verdict?.1
        killIds = killed.map(\.killId.rawValue)
        owners = killed.compactMap { kill in
            kill.owner.map { KillHistory.ownerKey(namespace: kill.pod.namespace, kind: $0.kind, name: $0.name) }
        }
        self.probes = probes.results.map { result in
            let disruption = result.window(.disruption)
            return Probe(
                name: result.name, disruptionSuccessRatio: disruption?.successRatio, disruptionRequests: disruption?.requests,
                before: Self.hypothesis(result.before), after: Self.hypothesis(result.after))
        }
    }

    private static func outcome(_ probes: ProbesReport) -> Outcome {
        if probes.before == .notMet { return .steadyStateNotMet }
        if probes.aborted != nil { return .aborted }
        if probes.after == .notMet { return .steadyStateNotMetAfter }
        return probes.after == .held ? .held : .notJudged
    }

    private static func hypothesis(_ judgement: ProbeReport.Judgement?) -> ProbesReport.Hypothesis {
        judgement.map { $0.held ? .held : .notMet } ?? .notJudged
    }
}
