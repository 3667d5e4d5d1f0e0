/// The steady-state hypothesis of a run: every probe's steady state holds in a window. Pure.
public enum SteadyStateHypothesis {
    /// What breaks it, by probe name (every probe has an entry; an empty one holds).
    public static func judge(_ probes: [ProbeSpec], summaries: [String: ProbeWindowSummary]) -> [String: [String]] {
        Dictionary(
            uniqueKeysWithValues: probes.map { probe in
                (probe.name, summaries[probe.name].map(probe.steadyState.violations(of:)) ?? ["not judged"])
            })
    }

    /// `probe web: success ratio 0.8 is below 0.99`, one line per violation, in the probes' order.
    public static func lines(_ findings: [String: [String]], order probes: [ProbeSpec]) -> [String] {
        probes.flatMap { probe in (findings[probe.name] ?? []).map { "probe \(probe.name): \($0)" } }
    }

    /// The abort criterion's line for the report and stderr.
    public static func describe(_ abort: ProbeSession.Abort) -> String {
        "probe \(abort.probe): success ratio \(SteadyStateCriteria.ratio(abort.successRatio)) over \(abort.requests) requests since the first kill is below \(SteadyStateCriteria.ratio(abort.threshold))"
    }
}
