import Foundation
import Testing

@testable import PodChaos

@Suite("A probe's window: counts, success ratio, latency percentiles, the longest run of failures")
struct ProbeWindowSummaryTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A sample sent `at` seconds after `start`, failing when `failure` is given.
    static func sample(_ at: Double, latency: Double = 0.01, _ failure: String? = nil) -> ProbeSample {
        ProbeSample(sentAt: start.addingTimeInterval(at), latency: .milliseconds(Int(latency * 1000)), failure: failure)
    }

    @Test("Only the requests sent inside the window count; the ratio is successes over requests")
    func counts() {
        let samples = [
            Self.sample(-1), Self.sample(0), Self.sample(1, "HTTP 503"), Self.sample(2), Self.sample(3, "HTTP 503"), Self.sample(10),
        ]
        let summary = ProbeWindowSummary(
            window: .disruption, samples: samples, from: Self.start, to: Self.start.addingTimeInterval(10), kills: [])
        #expect(summary.requests == 4)
        #expect(summary.failures == 2)
        #expect(summary.successRatio == 0.5)
        #expect(summary.failureReasons == ["HTTP 503": 2])
        let closed = ProbeWindowSummary(
            window: .after, samples: samples, from: Self.start, to: Self.start.addingTimeInterval(10), kills: [], includingEnd: true)
        #expect(closed.requests == 5)
    }

    @Test("Latency percentiles from the histogram, in seconds, within its 3 significant digits")
    func percentiles() throws {
        let samples = (1...100).map { Self.sample(Double($0) / 100, latency: Double($0) / 1000) }
        let summary = ProbeWindowSummary(
            window: .baseline, samples: samples, from: Self.start, to: Self.start.addingTimeInterval(2), kills: [])
        let latency = try #require(summary.latency)
        #expect(abs(latency.p50 - 0.050) < 0.0005)
        #expect(abs(latency.p95 - 0.095) < 0.0005)
        #expect(abs(latency.p99 - 0.099) < 0.0005)
        #expect(abs(latency.max - 0.100) < 0.0005)
    }

    @Test("No requests: ratio 0, no latency, no run")
    func empty() {
        let summary = ProbeWindowSummary(window: .baseline, samples: [], from: Self.start, to: Self.start.addingTimeInterval(1), kills: [])
        #expect(summary.requests == 0)
        #expect(summary.successRatio == 0)
        #expect(summary.latency == nil)
        #expect(summary.longestFailureRun == nil)
    }

    @Test("The longest run of failures: its length, its span up to the next success, and its start after the kill before it")
    func longestRun() throws {
        let kill = KillID(rawValue: "01KILL")
        let samples = [
            Self.sample(0), Self.sample(1, "HTTP 503"), Self.sample(2),
            Self.sample(3, "HTTP 503"), Self.sample(4, "timed out"), Self.sample(5, "HTTP 503"), Self.sample(6),
        ]
        let summary = ProbeWindowSummary(
            window: .disruption, samples: samples, from: Self.start, to: Self.start.addingTimeInterval(10),
            kills: [(kill, Self.start.addingTimeInterval(2.5))])
        let run = try #require(summary.longestFailureRun)
        #expect(run.requests == 3)
        #expect(run.seconds == 3)
        #expect(run.startedAt == Self.start.addingTimeInterval(3))
        #expect(run.killId == kill)
        #expect(run.secondsAfterKill == 0.5)
    }

    @Test("A run still failing at the window's end lasts until its last answer; before any kill it has no kill")
    func openRun() throws {
        let samples = [Self.sample(0), Self.sample(1, latency: 0.5, "HTTP 500"), Self.sample(2, latency: 0.25, "HTTP 500")]
        let summary = ProbeWindowSummary(
            window: .baseline, samples: samples, from: Self.start, to: Self.start.addingTimeInterval(3), kills: [])
        let run = try #require(summary.longestFailureRun)
        #expect(run.requests == 2)
        #expect(run.seconds == 1.25)
        #expect(run.killId == nil)
        #expect(run.secondsAfterKill == nil)
    }

    struct BoundsCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var firstKill: Double?
        var recovered: Double?
        var at: Double
        var window: ProbeWindow
        var spans: [ProbeWindow]
    }

    static let boundsCases: [BoundsCase] = [
        BoundsCase(
            testDescription: "before the first kill: baseline", firstKill: 10, recovered: 20, at: 9.9, window: .baseline,
            spans: [.baseline, .disruption, .after]),
        BoundsCase(
            testDescription: "at the first kill: disruption", firstKill: 10, recovered: 20, at: 10, window: .disruption,
            spans: [.baseline, .disruption, .after]),
        BoundsCase(
            testDescription: "at recovery: after", firstKill: 10, recovered: 20, at: 20, window: .after,
            spans: [.baseline, .disruption, .after]),
        BoundsCase(
            testDescription: "nothing killed: all baseline, one window", firstKill: nil, recovered: nil, at: 50, window: .baseline,
            spans: [.baseline]),
        BoundsCase(
            testDescription: "killed, not recovered (interrupted): no after window", firstKill: 10, recovered: nil, at: 50,
            window: .disruption, spans: [.baseline, .disruption]),
    ]

    @Test("Which window a request belongs to, and which windows a run has", arguments: boundsCases)
    func bounds(_ example: BoundsCase) {
        let bounds = ProbeWindowBounds(
            start: Self.start, firstKill: example.firstKill.map(Self.start.addingTimeInterval),
            recovered: example.recovered.map(Self.start.addingTimeInterval), end: Self.start.addingTimeInterval(60))
        #expect(bounds.window(of: Self.start.addingTimeInterval(example.at)) == example.window)
        #expect(ProbeWindow.allCases.filter { bounds.span($0) != nil } == example.spans)
    }
}
