import Foundation

/// The probes in the HTML report: a lane per probe under the pod lanes, on their time axis, with the windows shaded
/// and a mark per request; and a table per probe of its windows.
extension HTMLReport {
    static let probeLaneHeight = 30.0
    static let windowShades: [ProbeWindow: String] = [.baseline: "#e8eaed", .disruption: "#fce8e6", .after: "#e6f4ea"]
    static let successColor = "#34a853"
    static let failureColor = "#d93025"

    /// The requests drawn in one pixel column with one outcome: one mark, however many requests were sent there.
    struct RequestMark {
        var x: Double
        /// The first request's send time.
        var at: Date
        var failed: Bool
        var requests = 0
        var reasons: [String: Int] = [:]
    }

    /// One probe's lane from `top`: its windows as shaded, labelled bands and its requests as marks at their send time,
    /// green for a success and red for a failure (its reasons in the tooltip), failures drawn over successes.
    static func probeLane(_ probe: ProbeReport, top: Double, first: Date, x: (Date) -> Double) -> String {
        var out = "<g class=\"probe\" data-probe=\"\(escape(probe.name))\">"
        out += "<text x=\"4\" y=\"\(format(top + 19))\" font-size=\"12\">probe \(escape(probe.name))</text>"
        for window in probe.windows {
            let (from, name) = (x(window.startedAt), window.window.rawValue)
            out += "<rect class=\"window\" data-window=\"\(name)\" x=\"\(format(from))\" y=\"\(format(top + 1))\" "
            out += "width=\"\(format(max(1, x(window.endedAt) - from)))\" height=\"\(format(probeLaneHeight - 2))\" "
            out += "fill=\"\(windowShades[window.window] ?? "#fff")\">"
            out += "<title>\(name): \(window.requests) requests, \(percent(window))</title></rect>"
            out += "<text x=\"\(format(from + 2))\" y=\"\(format(top + 9))\" font-size=\"8\" fill=\"#5f6368\">\(name)</text>"
        }
        let marks = requestMarks(probe.samples, x: x)
        for mark in marks.filter({ !$0.failed }) + marks.filter(\.failed) {
            out += requestLine(mark, top: top, first: first, x: x)
        }
        out += "</g>\n"
        return out
    }

    /// `samples` (by send time) grouped by pixel column and outcome.
    static func requestMarks(_ samples: [ProbeSample], x: (Date) -> Double) -> [RequestMark] {
        var marks: [RequestMark] = []
        var index: [String: Int] = [:]
        for sample in samples {
            let position = x(sample.sentAt)
            let key = "\(Int(position.rounded())) \(sample.succeeded)"
            let slot: Int
            if let existing = index[key] {
                slot = existing
            } else {
                slot = marks.count
                index[key] = slot
                marks.append(RequestMark(x: position, at: sample.sentAt, failed: !sample.succeeded))
            }
            marks[slot].requests += 1
            if let failure = sample.failure { marks[slot].reasons[failure, default: 0] += 1 }
        }
        return marks
    }

    private static func requestLine(_ mark: RequestMark, top: Double, first: Date, x: (Date) -> Double) -> String {
        let position = format(mark.x)
        var out =
            "<line class=\"\(mark.failed ? "failure" : "success")\" x1=\"\(position)\" y1=\"\(format(top + 12))\" x2=\"\(position)\" y2=\"\(format(top + 27))\" stroke=\"\(mark.failed ? failureColor : successColor)\" stroke-width=\"2\">"
        if mark.failed {
            let reasons = mark.reasons.sorted { $0.key < $1.key }.map { $0.value > 1 ? "\($0.key) ×\($0.value)" : $0.key }
            let count = mark.requests > 1 ? "\(mark.requests) failures" : "failure"
            let at = String(format: "%.2fs", mark.at.timeIntervalSince(first))
            out += "<title>\(count) at \(at): \(escape(reasons.joined(separator: "; ")))</title>"
        }
        out += "</line>"
        return out
    }

    static func probeLegend() -> String {
        var out = "<span><i style=\"background:\(successColor);width:2px\"></i>request ok</span>"
        out += "<span><i style=\"background:\(failureColor);width:2px\"></i>request failed</span>"
        for window in ProbeWindow.allCases {
            out += "<span><i style=\"background:\(windowShades[window] ?? "#fff")\"></i>\(window.rawValue)</span>"
        }
        return out
    }

    /// A table per probe: each window's requests, success ratio, latency percentiles, longest failure run and how long
    /// after its kill it began, and the steady state where it was judged.
    static func probeTables(_ section: ProbesReport) -> String {
        var out = ""
        for probe in section.results {
            out += "<h2>probe \(escape(probe.name))</h2>\n<p>\(escape(probe.kind)) \(escape(probe.target)) at \(escape(probe.rate))"
            if let aborted = section.aborted, aborted.probe == probe.name {
                out += " · <b class=\"fail\">aborted</b>: \(escape(aborted.reason))"
            }
            out += "</p>\n<table class=\"probe\"><thead><tr><th>window</th><th>seconds</th><th>requests</th><th>success</th>"
            out += "<th>p50</th><th>p95</th><th>p99</th><th>max</th><th>longest failure run</th><th>after the kill</th>"
            out += "<th>failures</th><th>steady state</th></tr></thead><tbody>\n"
            for window in probe.windows { out += windowRow(window, judgement: judgement(probe, window.window)) }
            out += "</tbody></table>\n"
        }
        return out
    }

    private static func windowRow(_ window: ProbeWindowSummary, judgement: ProbeReport.Judgement?) -> String {
        func milliseconds(_ value: Double?) -> String { value.map { String(format: "%.1fms", $0 * 1000) } ?? "–" }
        let run = window.longestFailureRun
        var out = "<tr data-window=\"\(window.window.rawValue)\"><td>\(window.window.rawValue)</td>"
        out += "<td>\(String(format: "%.1fs", window.endedAt.timeIntervalSince(window.startedAt)))</td>"
        out += "<td>\(window.requests)</td><td>\(percent(window))</td>"
        for value in [window.latency?.p50, window.latency?.p95, window.latency?.p99, window.latency?.max] {
            out += "<td>\(milliseconds(value))</td>"
        }
        out += "<td>\(run.map(describe) ?? "–")</td>"
        out += "<td>\(run?.secondsAfterKill.map { String(format: "%.2fs", $0) } ?? "–")</td>"
        let reasons = window.failureReasons.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
        out += "<td>\(reasons.isEmpty ? "–" : escape(reasons.joined(separator: "; ")))</td>"
        if let judgement {
            let text = judgement.held ? "held" : "not met: " + judgement.violations.joined(separator: "; ")
            out += "<td class=\"\(judgement.held ? "pass" : "fail")\">\(escape(text))</td></tr>\n"
        } else {
            out += "<td>–</td></tr>\n"
        }
        return out
    }

    /// `3 requests, 0.60s`.
    private static func describe(_ run: ProbeWindowSummary.FailureRun) -> String {
        "\(run.requests) \(run.requests == 1 ? "request" : "requests"), \(String(format: "%.2fs", run.seconds))"
    }

    private static func judgement(_ probe: ProbeReport, _ window: ProbeWindow) -> ProbeReport.Judgement? {
        switch window {
        case .baseline: probe.before
        case .disruption: nil
        case .after: probe.after
        }
    }

    private static func percent(_ window: ProbeWindowSummary) -> String {
        window.requests == 0 ? "no requests" : String(format: "%.1f%% ok", window.successRatio * 100)
    }
}
