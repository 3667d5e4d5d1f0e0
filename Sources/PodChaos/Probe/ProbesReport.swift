import Foundation

/// The report's `probes` section: every probe's windows, the steady-state hypothesis before and after, and the abort.
public struct ProbesReport: Sendable, Encodable {
    public enum Hypothesis: String, Sendable, Encodable {
        case held
        case notMet = "not-met"
        /// Not judged: nothing was killed, or the run was interrupted first.
        case notJudged = "not-judged"
    }

    public struct Aborted: Sendable, Encodable {
        public var probe: String
        public var at: Date
        public var reason: String

        enum CodingKeys: String, CodingKey { case probe, at, reason }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(probe, forKey: .probe)
            try container.encode(ReportTime(at), forKey: .at)
            try container.encode(reason, forKey: .reason)
        }
    }

    public var baselineSeconds: Double
    public var afterSeconds: Double
    public var before: Hypothesis
    public var after: Hypothesis
    public var aborted: Aborted?
    public var results: [ProbeReport]

    /// Builds the section from what the session recorded. `before` and `after` are the hypothesis's findings by probe
    /// as judged during the run (nil where not judged).
    public init(
        probes: [ProbeSpec], samples: [String: [ProbeSample]], bounds: ProbeWindowBounds, kills: [(id: KillID, at: Date)],
        windows: ProbeWindowLengths, before: [String: [String]]?, after: [String: [String]]?, aborted: ProbeSession.Abort?
    ) {
        baselineSeconds = windows.baseline.seconds
        afterSeconds = windows.after.seconds
        self.before = Self.hypothesis(before)
        self.after = Self.hypothesis(after)
        self.aborted = aborted.map { Aborted(probe: $0.probe, at: $0.at, reason: SteadyStateHypothesis.describe($0)) }
        results = probes.map { probe in
            let summaries = ProbeWindow.allCases.compactMap { window -> ProbeWindowSummary? in
                guard let span = bounds.span(window) else { return nil }
                return ProbeWindowSummary(
                    window: window, samples: samples[probe.name] ?? [], from: span.from, to: span.to, kills: kills,
                    includingEnd: window == .after)
            }
            return ProbeReport(
                name: probe.name, kind: probe.target.kind, target: probe.display, rate: probe.rate.description, windows: summaries,
                before: before.map { ProbeReport.Judgement($0[probe.name] ?? []) },
                after: after.map { ProbeReport.Judgement($0[probe.name] ?? []) },
                samples: (samples[probe.name] ?? []).filter { sample in summaries.contains { $0.contains(sample.sentAt) } }
                    .sorted { $0.sentAt < $1.sentAt })
        }
    }

    /// The run's verdict and reason as the probes decide it, nil when they leave it to the kills: the steady state
    /// not met before the first kill means nothing was killed; an abort, or the steady state not met after recovery, fails
    /// the run.
    public var verdict: (KillReport.Verdict, String)? {
        func lines(_ judgements: (ProbeReport) -> ProbeReport.Judgement?) -> String {
            results.flatMap { result in (judgements(result)?.violations ?? []).map { "probe \(result.name): \($0)" } }.joined(
                separator: "; ")
        }
        if before == .notMet { return (.nothingKilled, "steady-state-not-met before the first kill: " + lines(\.before)) }
        if let aborted { return (.fail, "aborted: " + aborted.reason) }
        if after == .notMet { return (.fail, "steady-state-not-met after recovery: " + lines(\.after)) }
        return nil
    }

    private static func hypothesis(_ findings: [String: [String]]?) -> Hypothesis {
        guard let findings else { return .notJudged }
        return findings.values.allSatisfy(\.isEmpty) ? .held : .notMet
    }
}
