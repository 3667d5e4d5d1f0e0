import Foundation
import KubeAPI
import Testing

@testable import PodChaos

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("HTML report")
struct HTMLReportTests {
    static func report() -> KillReport {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var timeline = Timeline()
        func pod(_ name: String, _ uid: String, ready: Bool = true, terminating: Bool = false) -> Pod {
            var meta = ObjectMeta(name: name, namespace: "demo", uid: uid)
            if terminating { meta.deletionTimestamp = t0 }
            return Pod(
                metadata: meta, spec: PodSpec(nodeName: "node-1"),
                status: PodStatus(phase: .running, conditions: [Condition(type: "Ready", status: ready ? "True" : "False")]))
        }
        let victim = pod("web-<a>", "u1")
        timeline.record(victim, previous: nil, deleted: false, at: t0)
        timeline.record(pod("web-b", "u2"), previous: nil, deleted: false, at: t0)
        timeline.markKill(killID: KillID(rawValue: "K1"), pod: victim, at: t0.addingTimeInterval(1))
        timeline.record(pod("web-<a>", "u1", terminating: true), previous: victim, deleted: false, at: t0.addingTimeInterval(1.1))
        timeline.record(pod("web-<a>", "u1"), previous: nil, deleted: true, at: t0.addingTimeInterval(1.5))
        timeline.record(pod("web-c", "u3", ready: false), previous: nil, deleted: false, at: t0.addingTimeInterval(1.2))
        timeline.record(pod("web-c", "u3"), previous: pod("web-c", "u3", ready: false), deleted: false, at: t0.addingTimeInterval(2))
        let kill = KillReport.Kill(
            killId: KillID(rawValue: "K1"), pod: .init(namespace: "demo", name: "web-<a>", uid: "u1"),
            owner: .init(kind: "Deployment", name: "web", uid: "d"), action: "delete", result: .killed, reason: nil,
            requestedAt: t0.addingTimeInterval(1), recovery: nil)
        return KillReport(
            tool: .init(version: "test"), startedAt: t0, finishedAt: t0.addingTimeInterval(3), dryRun: .none, mode: "delete", seed: 1,
            selection: .init(considered: 3, eligible: 3, excluded: []),
            count: .init(KillPlan(eligible: [], count: .count(1), maxKills: 1, seed: 1)), kills: [kill], verdict: .pass,
            timeline: timeline)
    }

    @Test("The timeline is well-formed SVG with a lane per pod and a marker per kill, and text is escaped")
    func svgLanes() throws {
        let html = HTMLReport.render(Self.report())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(
            !html.contains("http://") || html.components(separatedBy: "http://").count == 2, "only the SVG namespace, no remote resources")
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        let svg = String(html[start.lowerBound..<end.upperBound])
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "SVG must be well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.lanes == ["demo/web-<a>", "demo/web-b", "demo/web-c"])
        #expect(counter.kills == 1)
        #expect(html.contains("web-&lt;a&gt;"))
    }
}

/// Counts lanes (by their pod label) and kill markers while parsing.
final class ElementCounter: NSObject, XMLParserDelegate {
    var lanes: [String] = []
    var kills = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementName == "g", attributes["class"] == "lane", let pod = attributes["data-pod"] { lanes.append(pod) }
        if elementName == "line", attributes["class"] == "kill" { kills += 1 }
    }
}
