import Foundation
import KubeAPI
import Testing

@testable import PodChaos

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The HTML report of HTMLReportTests' 3s run (the kill at 1s) with a probe sending every 200ms from 0.2s to 2.8s:
/// a baseline until the kill, a disruption until 2s, an after window until 3s.
@Suite("HTML report: a lane and a table per probe")
struct HTMLReportProbeTests {
    static func report(probe name: String = "web", failures: [Double: String] = [1.4: "HTTP 503"]) throws -> KillReport {
        var report = HTMLReportTests.report()
        let t0 = report.startedAt
        func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }
        let samples = (1...14).map { step in
            let offset = Double(step) * 0.2
            let failure = failures.first { abs($0.key - offset) < 0.001 }?.value
            return ProbeSample(sentAt: at(offset), latency: .milliseconds(20), failure: failure)
        }
        let spec = ProbeSpec(name: name, target: .http(try #require(URL(string: "http://web.demo.svc/"))))
        report.probes = ProbesReport(
            probes: [spec], samples: [name: samples], bounds: ProbeWindowBounds(start: t0, firstKill: at(1), recovered: at(2), end: at(3)),
            kills: [(id: KillID(rawValue: "K1"), at: at(1))], windows: ProbeWindowLengths(baseline: .seconds(1), after: .seconds(1)),
            before: [name: []], after: [name: []], aborted: nil)
        return report
    }

    static func svg(_ html: String) throws -> LaneParser {
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        let lanes = LaneParser()
        let parser = XMLParser(data: Data(html[start.lowerBound..<end.upperBound].utf8))
        parser.delegate = lanes
        #expect(parser.parse(), "SVG must be well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return lanes
    }

    @Test("The probe's lane lies under the pod lanes: its windows, a green mark per success, a red one at the failure's send time")
    func lane() throws {
        let html = HTMLReport.render(try Self.report())
        let svg = try Self.svg(html)
        #expect(svg.probes == ["web"])
        #expect(svg.windows == ["baseline", "disruption", "after"])
        #expect(svg.successes == 13)
        // The axis spans the 3s run over 730px from x=260: the failure sent at 1.4s is at 260 + 730 * 1.4 / 3.
        #expect(svg.failures.map(\.x) == [String(format: "%.1f", 260 + 730 * 1.4 / 3)])
        #expect(svg.failures.first?.title == "failure at 1.40s: HTTP 503")
        #expect(svg.kills == [String(format: "%.1f", 260 + 730 * 1.0 / 3)])
        #expect(svg.probeLaneTop > svg.lastPodLaneTop)
    }

    @Test("A table per probe: each window's requests, success ratio, latency, the longest failure run and its delay after the kill")
    func windowTable() throws {
        let html = HTMLReport.render(try Self.report())
        #expect(html.contains("<h2>probe web</h2>"))
        let row = try #require(Self.row(html, window: "disruption"))
        #expect(
            row
                == "<td>disruption</td><td>1.0s</td><td>5</td><td>80.0% ok</td><td>20.0ms</td><td>20.0ms</td><td>20.0ms</td>"
                + "<td>20.0ms</td><td>1 request, 0.20s</td><td>0.40s</td><td>HTTP 503 ×1</td><td>–</td>")
        #expect(try #require(Self.row(html, window: "baseline")).contains("<td>4</td><td>100.0% ok</td>"))
        #expect(try #require(Self.row(html, window: "after")).hasSuffix("<td class=\"pass\">held</td>"))
    }

    @Test("The requests behind the lanes are not in the JSON report: it keeps one summary per window")
    func samplesNotEncoded() throws {
        let report = try Self.report()
        #expect(report.probes?.results.first?.samples.count == 14)
        let json = try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any]
        let probe = try #require(((json?["probes"] as? [String: Any])?["results"] as? [[String: Any]])?.first)
        #expect(Set(probe.keys) == ["name", "kind", "target", "rate", "windows", "before", "after"])
    }

    @Test("A hostile probe name and failure reason are escaped in the lane, its tooltips and the table")
    func escaping() throws {
        let hostile = "<img src=x onerror=alert(1)>&\"'"
        let html = HTMLReport.render(try Self.report(probe: hostile, failures: [1.4: "<b>bad</b>"]))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>bad"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"))
        #expect(html.contains("&lt;b&gt;bad&lt;/b&gt;"))
        let svg = try Self.svg(html)
        #expect(svg.probes == [hostile])
        #expect(svg.failures.first?.title == "failure at 1.40s: <b>bad</b>")
    }

    @Test("Requests in one pixel column with one outcome are one mark, their failures counted in its tooltip")
    func coalesced() {
        let t0 = Date(timeIntervalSince1970: 0)
        let samples = [
            ProbeSample(sentAt: t0, latency: .zero, failure: "HTTP 503"),
            ProbeSample(sentAt: t0.addingTimeInterval(0.001), latency: .zero, failure: "HTTP 503"),
            ProbeSample(sentAt: t0.addingTimeInterval(0.002), latency: .zero),
            ProbeSample(sentAt: t0.addingTimeInterval(1), latency: .zero, failure: "timed out after 1s"),
        ]
        let marks = HTMLReport.requestMarks(samples) { 100 + 100 * $0.timeIntervalSince(t0) }
        #expect(marks.map(\.requests) == [2, 1, 1])
        #expect(marks.map(\.failed) == [true, false, true])
        #expect(marks.first?.reasons == ["HTTP 503": 2])
    }

    /// The cells of the probe table's row for `window`.
    static func row(_ html: String, window: String) -> String? {
        guard let start = html.range(of: "<tr data-window=\"\(window)\">") else { return nil }
        guard let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }
}

/// Collects the probe lanes, their window bands and request marks (x and tooltip), and the kill lines' x.
final class LaneParser: NSObject, XMLParserDelegate {
    var probes: [String] = []
    var windows: [String] = []
    var successes = 0
    var failures: [(x: String, title: String)] = []
    var kills: [String] = []
    var lastPodLaneTop = 0.0
    var probeLaneTop = 0.0
    private var inFailure = false
    private var inLane: String?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch (elementName, attributes["class"]) {
        case ("g", "lane"?): inLane = "pod"
        case ("g", "probe"?):
            inLane = "probe"
            probes.append(attributes["data-probe"] ?? "")
        case ("rect", _) where inLane == "pod": lastPodLaneTop = max(lastPodLaneTop, Double(attributes["y"] ?? "") ?? 0)
        case ("rect", "window"?):
            windows.append(attributes["data-window"] ?? "")
            probeLaneTop = Double(attributes["y"] ?? "") ?? 0
        case ("line", "success"?): successes += 1
        case ("line", "failure"?):
            failures.append((attributes["x1"] ?? "", ""))
            inFailure = true
        case ("line", "kill"?): kills.append(attributes["x1"] ?? "")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inFailure, !failures.isEmpty { failures[failures.count - 1].title += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "line" { inFailure = false }
        if elementName == "g" { inLane = nil }
    }
}
