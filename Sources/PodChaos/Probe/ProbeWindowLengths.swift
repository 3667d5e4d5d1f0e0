import KubeAPI

/// How long the baseline window lasts before the first kill (`--probe-baseline`) and the after window once the
/// owners recovered (`--probe-after`); both from 1s to `ProbeSpec.maximumWindow`.
public struct ProbeWindowLengths: Sendable, Hashable {
    public var baseline: Duration
    public var after: Duration

    public init(baseline: Duration = .seconds(10), after: Duration = .seconds(10)) {
        self.baseline = baseline
        self.after = after
    }

    /// Checks a window flag's value; `flag` names it in the error.
    public static func window(_ flag: String, _ text: String) throws(ProbeError) -> Duration {
        guard let duration = try? DurationParser.parse(text), duration >= .seconds(1), duration <= ProbeSpec.maximumWindow else {
            throw ProbeError.invalidWindow(flag: flag, value: text)
        }
        return duration
    }
}
