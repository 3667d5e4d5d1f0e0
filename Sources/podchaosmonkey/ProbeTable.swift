import KubeAPI
import PodChaos

/// The probes' part of `kill`'s table output: a row per probe and window, then the hypothesis and any abort.
enum ProbeTable {
    static func render(_ probes: ProbesReport) -> String {
        let rows = probes.results.flatMap { probe in probe.windows.map { row(probe, $0) } }
        var lines = [
            Table.render(["PROBE", "WINDOW", "REQUESTS", "SUCCESS", "P50", "P95", "P99", "MAX", "LONGEST OUTAGE"], rows),
            "steady state before the kills: \(probes.before.rawValue) · after recovery: \(probes.after.rawValue)",
        ]
        if let aborted = probes.aborted { lines.append("aborted: \(aborted.reason)") }
        for probe in probes.results {
            for (window, judgement) in [("before", probe.before), ("after", probe.after)] {
                for violation in judgement?.violations ?? [] { lines.append("  probe \(probe.name) \(window): \(violation)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ probe: ProbeReport, _ window: ProbeWindowSummary) -> [String] {
        let latency = window.latency
        return [
            probe.name, window.window.rawValue, "\(window.requests)",
            window.requests == 0 ? "-" : String(format: "%.1f%%", window.successRatio * 100),
            seconds(latency?.p50), seconds(latency?.p95), seconds(latency?.p99), seconds(latency?.max), outage(window.longestFailureRun),
        ]
    }

    /// `7 requests, 1.4s, from 0.2s after the kill`.
    private static func outage(_ run: ProbeWindowSummary.FailureRun?) -> String {
        guard let run else { return "-" }
        let after = run.secondsAfterKill.map { ", from \(seconds($0)) after the kill" } ?? ""
        return "\(run.requests) requests, \(seconds(run.seconds))\(after)"
    }

    private static func seconds(_ value: Double?) -> String {
        value.map { GoDuration.format(.milliseconds(Int(($0 * 1000).rounded())), precision: .readable) } ?? "-"
    }
}
