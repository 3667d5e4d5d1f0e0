import Foundation

/// A single self-contained HTML page (no scripts, no network) with the namespace timeline drawn as SVG — a lane per
/// pod coloured by state, the kills marked, a lane per probe with its requests and windows — and the report's tables
/// under it.
public enum HTMLReport {
    static let stateColors: [Timeline.Transition: String] = [
        .created: "#b0b7c3", .scheduled: "#8ab4f8", .running: "#4285f4", .ready: "#34a853", .notReady: "#fbbc04",
        .terminating: "#ea4335", .restarted: "#a142f4",
    ]

    public static func render(_ report: KillReport) -> String {
        let timeline = report.timeline ?? Timeline()
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>podchaosmonkey report \(escape(report.startedAt.formatted(.iso8601)))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:24px;color:#202124}
            table{border-collapse:collapse;margin-top:16px}td,th{border:1px solid #dadce0;padding:4px 8px;text-align:left;font-size:13px}
            th{background:#f1f3f4}.pass{color:#188038}.fail{color:#d93025}.legend span{display:inline-block;margin-right:12px;font-size:12px}
            .legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
            </style></head><body>
            <h1>podchaosmonkey report</h1>
            <p>Verdict <b class="\(report.verdict == .pass ? "pass" : "fail")">\(escape(report.verdict.rawValue))</b> ·
            mode \(escape(report.mode)) · seed \(report.seed) · dry run \(escape(report.dryRun.rawValue)) ·
            considered \(report.selection.considered), eligible \(report.selection.eligible)</p>

            """
        let probes = report.probes?.results ?? []
        html += svg(timeline, probes: probes, start: report.startedAt, end: report.finishedAt)
        html += "<div class=\"legend\">"
        for transition in [Timeline.Transition.created, .scheduled, .running, .ready, .notReady, .terminating] {
            html += "<span><i style=\"background:\(stateColors[transition] ?? "#000")\"></i>\(transition.rawValue)</span>"
        }
        html += "<span><i style=\"background:#d93025;width:2px\"></i>kill</span>"
        if !probes.isEmpty { html += probeLegend() }
        html += "</div>\n"
        html += table(report)
        if let section = report.probes { html += probeTables(section) }
        html += "</body></html>\n"
        return html
    }

    static func svg(_ timeline: Timeline, probes: [ProbeReport] = [], start: Date, end: Date) -> String {
        var lanes: [(key: String, label: String)] = []
        for entry in timeline.entries where !lanes.contains(where: { $0.key == entry.uid }) {
            lanes.append((entry.uid, "\(entry.namespace)/\(entry.pod)"))
        }
        let labelWidth = 260.0
        let width = 1000.0
        let laneHeight = 22.0
        let podsHeight = Double(max(lanes.count, 1)) * laneHeight
        let height = podsHeight + Double(probes.count) * probeLaneHeight + 40
        let windows = probes.flatMap(\.windows)
        let first = min(
            start, timeline.entries.first?.time ?? start, timeline.kills.first?.time ?? start,
            windows.map(\.startedAt).min() ?? start)
        let last = max(end, timeline.entries.last?.time ?? end, windows.map(\.endedAt).max() ?? end)
        let span = max(last.timeIntervalSince(first), 0.001)
        func x(_ time: Date) -> Double { labelWidth + (width - labelWidth - 10) * time.timeIntervalSince(first) / span }

        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"pod timeline\">\n"
        for (index, lane) in lanes.enumerated() {
            let y = Double(index) * laneHeight + 10
            out += "<g class=\"lane\" data-pod=\"\(escape(lane.label))\">"
            out += "<text x=\"4\" y=\"\(format(y + 15))\" font-size=\"12\">\(escape(lane.label))</text>"
            let entries = timeline.entries.filter { $0.uid == lane.key }
            var state: Timeline.Transition?
            var from = first
            for entry in entries {
                if let state, let color = stateColors[state] {
                    out += rect(x(from), y + 3, max(1, x(entry.time) - x(from)), laneHeight - 6, color, title: state.rawValue)
                }
                if entry.transition == .deleted {
                    state = nil
                } else if entry.transition != .restarted {
                    state = entry.transition
                }
                from = entry.time
            }
            if let state, let color = stateColors[state] {
                out += rect(x(from), y + 3, max(1, x(last) - x(from)), laneHeight - 6, color, title: state.rawValue)
            }
            out += "</g>\n"
        }
        for (index, probe) in probes.enumerated() {
            out += probeLane(probe, top: podsHeight + 10 + Double(index) * probeLaneHeight, first: first, x: x)
        }
        for kill in timeline.kills {
            let position = format(x(kill.time))
            out +=
                "<line class=\"kill\" x1=\"\(position)\" y1=\"0\" x2=\"\(position)\" y2=\"\(format(height - 20))\" stroke=\"#d93025\" stroke-width=\"2\">"
            out += "<title>kill \(escape(kill.killId.rawValue)) of \(escape(kill.namespace))/\(escape(kill.pod))</title></line>\n"
        }
        out += "<text x=\"\(Int(labelWidth))\" y=\"\(format(height - 4))\" font-size=\"11\">0s</text>"
        out +=
            "<text x=\"\(Int(width - 60))\" y=\"\(format(height - 4))\" font-size=\"11\">\(escape(String(format: "%.1fs", span)))</text>\n"
        out += "</svg>\n"
        return out
    }

    static func table(_ report: KillReport) -> String {
        func seconds(_ value: Double?) -> String { value.map { String(format: "%.2fs", $0) } ?? "–" }
        var out = "<table><thead><tr><th>victim</th><th>owner</th><th>mode</th><th>result</th><th>replacement</th>"
        out += "<th>terminating</th><th>gone</th><th>created</th><th>scheduled</th><th>running</th><th>ready</th><th>available</th>"
        out += "<th>endpoints</th><th>verdict</th></tr></thead><tbody>\n"
        for kill in report.kills {
            let recovery = kill.recovery
            let phases = recovery?.phases ?? RecoveryPhases()
            let verdict = recovery.map { $0.verdict.rawValue + ($0.reason.map { " (\($0.rawValue))" } ?? "") } ?? "–"
            out += "<tr><td>\(escape(kill.pod.namespace))/\(escape(kill.pod.name))</td>"
            out += "<td>\(escape(kill.owner.map { "\($0.kind)/\($0.name)" } ?? "–"))</td><td>\(escape(kill.action))</td>"
            out += "<td>\(escape(kill.result.rawValue))\(kill.reason.map { ": " + escape($0) } ?? "")</td>"
            out += "<td>\(escape(recovery?.replacement?.name ?? "–"))</td>"
            for value in [
                phases.terminating, phases.gone, phases.replacementCreated, phases.scheduled, phases.running, phases.ready,
                phases.ownerAvailable, phases.endpointsReady,
            ] {
                out += "<td>\(seconds(value))</td>"
            }
            out += "<td class=\"\(recovery?.passed == false ? "fail" : "pass")\">\(escape(verdict))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        return out
    }

    private static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ color: String, title: String) -> String {
        "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(width))\" height=\"\(format(height))\" fill=\"\(color)\"><title>\(escape(title))</title></rect>"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
