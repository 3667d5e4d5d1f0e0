import Foundation
import Histogram

/// One probe's requests in one window: how many, how many succeeded, how fast, and the longest run of failures.
/// Pure: built from samples and the kills' times.
public struct ProbeWindowSummary: Sendable, Hashable, Encodable {
    public struct Latency: Sendable, Hashable, Encodable {
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var max: Double
    }

    /// Consecutive failed requests: how many, from the first one's send to the next success's send (or the last
    /// failure's answer), and when they began after the kill that preceded them.
    public struct FailureRun: Sendable, Hashable, Encodable {
        public var requests: Int
        public var seconds: Double
        public var startedAt: Date
        /// The last kill sent before the run began, and the seconds from it to the run's first failure.
        public var killId: KillID?
        public var secondsAfterKill: Double?

        enum CodingKeys: String, CodingKey { case requests, seconds, startedAt, killId, secondsAfterKill }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(requests, forKey: .requests)
            try container.encode(seconds, forKey: .seconds)
            try container.encode(ReportTime(startedAt), forKey: .startedAt)
            try container.encode(killId, forKey: .killId)
            try container.encode(secondsAfterKill, forKey: .secondsAfterKill)
        }
    }

    public var window: ProbeWindow
    public var startedAt: Date
    public var endedAt: Date
    public var requests: Int
    public var failures: Int
    /// Successes over requests; 0 when there were none.
    public var successRatio: Double
    /// Seconds, over every request answered or timed out in the window; nil without requests.
    public var latency: Latency?
    public var longestFailureRun: FailureRun?
    /// Failed requests by what went wrong (`HTTP 503`, `timed out after 1s`).
    public var failureReasons: [String: Int]
    /// Whether a request sent at `endedAt` belongs to this window (the last window's end is included).
    public var includesEnd: Bool

    /// `samples` sent within [`from`, `to`) (the end included for the last window); `kills` are the kills' ids and
    /// request times.
    public init(
        window: ProbeWindow, samples: [ProbeSample], from: Date, to: Date, kills: [(id: KillID, at: Date)], includingEnd: Bool = false
    ) {
        self.window = window
        startedAt = from
        endedAt = to
        includesEnd = includingEnd
        let inside = samples.filter { Self.contains($0.sentAt, from: from, to: to, includingEnd: includingEnd) }
            .sorted { $0.sentAt < $1.sentAt }
        requests = inside.count
        failures = inside.count { !$0.succeeded }
        successRatio = inside.isEmpty ? 0 : Double(requests - failures) / Double(requests)
        latency = Self.latency(inside)
        longestFailureRun = Self.longestRun(inside, kills: kills)
        failureReasons = Dictionary(inside.compactMap { $0.failure.map { ($0, 1) } }, uniquingKeysWith: +)
    }

    /// Whether a request sent at `time` belongs to this window.
    public func contains(_ time: Date) -> Bool { Self.contains(time, from: startedAt, to: endedAt, includingEnd: includesEnd) }

    private static func contains(_ time: Date, from: Date, to: Date, includingEnd: Bool) -> Bool {
        time >= from && (time < to || (includingEnd && time == to))
    }

    enum CodingKeys: String, CodingKey {
        case window, startedAt, endedAt, requests, failures, successRatio, latency, longestFailureRun, failureReasons
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(window, forKey: .window)
        try container.encode(ReportTime(startedAt), forKey: .startedAt)
        try container.encode(ReportTime(endedAt), forKey: .endedAt)
        try container.encode(requests, forKey: .requests)
        try container.encode(failures, forKey: .failures)
        try container.encode(successRatio, forKey: .successRatio)
        try container.encode(latency, forKey: .latency)
        try container.encode(longestFailureRun, forKey: .longestFailureRun)
        try container.encode(failureReasons, forKey: .failureReasons)
    }

    /// Percentiles from an HdrHistogram of microseconds (3 significant digits).
    private static func latency(_ samples: [ProbeSample]) -> Latency? {
        guard !samples.isEmpty else { return nil }
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        for sample in samples { _ = histogram.record(UInt64(max(0, sample.latency.seconds * 1_000_000).rounded())) }
        func seconds(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1_000_000 }
        return Latency(p50: seconds(50), p95: seconds(95), p99: seconds(99), max: Double(histogram.max) / 1_000_000)
    }

    private static func longestRun(_ samples: [ProbeSample], kills: [(id: KillID, at: Date)]) -> FailureRun? {
        var best: FailureRun?
        var index = samples.startIndex
        while index < samples.endIndex {
            guard !samples[index].succeeded else {
                index += 1
                continue
            }
            let first = index
            while index < samples.endIndex, !samples[index].succeeded { index += 1 }
            let count = index - first
            guard count > (best?.requests ?? 0) else { continue }
            let start = samples[first].sentAt
            let last = samples[index - 1]
            let end = index < samples.endIndex ? samples[index].sentAt : last.sentAt.addingTimeInterval(last.latency.seconds)
            let kill = kills.filter { $0.at <= start }.max { $0.at < $1.at }
            best = FailureRun(
                requests: count, seconds: end.timeIntervalSince(start), startedAt: start, killId: kill?.id,
                secondsAfterKill: kill.map { start.timeIntervalSince($0.at) })
        }
        return best
    }
}
