import Foundation
import Testing

@testable import PodChaos

@Suite("The steady-state hypothesis and how the probes decide a run's verdict")
struct SteadyStateTests {
    static let start = ProbeWindowSummaryTests.start

    static func summary(requests: Int, failures: Int, latency: Double = 0.01) -> ProbeWindowSummary {
        let samples = (0..<requests).map { index in
            ProbeWindowSummaryTests.sample(Double(index) / 10, latency: latency, index < failures ? "HTTP 503" : nil)
        }
        return ProbeWindowSummary(window: .baseline, samples: samples, from: start, to: start.addingTimeInterval(100), kills: [])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var criteria: SteadyStateCriteria
        var requests: Int
        var failures: Int
        var latency: Double = 0.01
        var violations: [String]
    }

    static let cases: [Case] = [
        Case(testDescription: "all succeed: holds", criteria: .init(), requests: 100, failures: 0, violations: []),
        Case(testDescription: "1 of 100 fails at 0.99: holds", criteria: .init(), requests: 100, failures: 1, violations: []),
        Case(
            testDescription: "2 of 100 fail at 0.99: broken", criteria: .init(), requests: 100, failures: 2,
            violations: ["success ratio 0.98 is below 0.99"]),
        Case(
            testDescription: "no answer at all: broken", criteria: .init(minimumSuccess: 0), requests: 0, failures: 0,
            violations: ["no answer in the baseline window"]),
        Case(
            testDescription: "p99 over its bound: broken", criteria: .init(minimumSuccess: 0.5, maximumP99: .milliseconds(100)),
            requests: 10,
            failures: 0, latency: 0.25, violations: ["p99 latency 250ms is above 100ms"]),
        Case(
            testDescription: "p99 within its bound: holds", criteria: .init(maximumP99: .milliseconds(300)), requests: 10, failures: 0,
            latency: 0.25, violations: []),
    ]

    @Test("Criteria against a window", arguments: cases)
    func criteria(_ example: Case) {
        let summary = Self.summary(requests: example.requests, failures: example.failures, latency: example.latency)
        #expect(example.criteria.violations(of: summary) == example.violations)
    }

    @Test("The hypothesis names each probe that breaks it, in the probes' order")
    func hypothesis() throws {
        let probes = try ProbeSpecParser.parse(["http://a/ name=a", "http://b/ name=b success=0.5", "http://c/ name=c"])
        let findings = SteadyStateHypothesis.judge(
            probes, summaries: ["a": Self.summary(requests: 10, failures: 5), "b": Self.summary(requests: 10, failures: 5)])
        #expect(findings["b"] == [])
        #expect(
            SteadyStateHypothesis.lines(findings, order: probes) == [
                "probe a: success ratio 0.5 is below 0.99", "probe c: not judged",
            ])
    }

    struct VerdictCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var before: [String]?
        var after: [String]?
        var aborted: Bool
        var verdict: KillReport.Verdict?
        var reason: String?
    }

    static let verdicts: [VerdictCase] = [
        VerdictCase(testDescription: "held before and after: the kills decide", before: [], after: [], aborted: false, verdict: nil),
        VerdictCase(
            testDescription: "not met before: nothing killed", before: ["success ratio 0.5 is below 0.99"], after: nil, aborted: false,
            verdict: .nothingKilled, reason: "steady-state-not-met before the first kill: probe web: success ratio 0.5 is below 0.99"),
        VerdictCase(
            testDescription: "aborted: fail", before: [], after: [], aborted: true, verdict: .fail,
            reason: "aborted: probe web: success ratio 0.25 over 4 requests since the first kill is below 0.9"),
        VerdictCase(
            testDescription: "not met after: fail", before: [], after: ["success ratio 0.9 is below 0.99"], aborted: false, verdict: .fail,
            reason: "steady-state-not-met after recovery: probe web: success ratio 0.9 is below 0.99"),
        VerdictCase(testDescription: "after not judged: the kills decide", before: [], after: nil, aborted: false, verdict: nil),
    ]

    @Test("How the probes decide the verdict", arguments: verdicts)
    func verdict(_ example: VerdictCase) throws {
        let probes = try ProbeSpecParser.parse(["http://web/ name=web"])
        let bounds = ProbeWindowBounds(start: Self.start, firstKill: nil, recovered: nil, end: Self.start.addingTimeInterval(1))
        let aborted =
            example.aborted ? ProbeSession.Abort(probe: "web", at: Self.start, successRatio: 0.25, threshold: 0.9, requests: 4) : nil
        let report = ProbesReport(
            probes: probes, samples: [:], bounds: bounds, kills: [], windows: ProbeWindowLengths(),
            before: example.before.map { ["web": $0] },
            after: example.after.map { ["web": $0] }, aborted: aborted)
        #expect(report.verdict?.0 == example.verdict)
        #expect(report.verdict?.1 == example.reason)
    }
}
