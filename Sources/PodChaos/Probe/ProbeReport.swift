import Foundation

/// One probe in the report: what it called and how each window went.
public struct ProbeReport: Sendable, Encodable {
    public struct Judgement: Sendable, Encodable, Hashable {
        public var held: Bool
        public var violations: [String]

        init(_ violations: [String]) {
            held = violations.isEmpty
            self.violations = violations
        }
    }

    public var name: String
    public var kind: String
    /// The target without credentials or query string.
    public var target: String
    public var rate: String
    public var windows: [ProbeWindowSummary]
    /// Its steady state in the baseline and after windows; nil where that window was not judged.
    public var before: Judgement?
    public var after: Judgement?
    /// The requests its windows counted, by send time: the HTML report draws them and the latency metric records them.
    /// Not encoded, so `-o json` holds one summary per window however long the run.
    public var samples: [ProbeSample] = []

    enum CodingKeys: String, CodingKey { case name, kind, target, rate, windows, before, after }

    public func window(_ window: ProbeWindow) -> ProbeWindowSummary? { windows.first { $0.window == window } }
}
