import KubeAPI

/// What a probe's steady state is: enough of its requests succeed, fast enough. Judged on the baseline window before
/// any kill and on the after window once the owners recovered.
public struct SteadyStateCriteria: Sendable, Hashable {
    /// The least success ratio (0…1); `success=` in `--probe`.
    public var minimumSuccess: Double
    /// The most the 99th latency percentile may be; `p99=` in `--probe`.
    public var maximumP99: Duration?

    public init(minimumSuccess: Double = 0.99, maximumP99: Duration? = nil) {
        self.minimumSuccess = minimumSuccess
        self.maximumP99 = maximumP99
    }

    /// What breaks the steady state in `summary`; empty when it holds. A window without a single answer does not hold.
    public func violations(of summary: ProbeWindowSummary) -> [String] {
        guard summary.requests > 0 else { return ["no answer in the \(summary.window) window"] }
        var found: [String] = []
        if summary.successRatio < minimumSuccess {
            found.append("success ratio \(Self.ratio(summary.successRatio)) is below \(Self.ratio(minimumSuccess))")
        }
        if let maximumP99, let p99 = summary.latency?.p99, p99 > maximumP99.seconds {
            found.append(
                "p99 latency \(GoDuration.format(.seconds(p99), precision: .readable)) is above \(GoDuration.format(maximumP99, precision: .readable))"
            )
        }
        return found
    }

    static func ratio(_ value: Double) -> String {
        let text = String(format: "%.3f", value)
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
