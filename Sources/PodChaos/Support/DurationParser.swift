import KubeAPI

/// Go-style durations as Kubernetes users write them: `500ms`, `30s`, `5m`, `1h30m`, `2d` (days, for MTBF).
public enum DurationParser {
    public struct InvalidDuration: Error, Sendable, Hashable, CustomStringConvertible {
        public let text: String
        public var description: String { "invalid duration \"\(text)\": expected e.g. 500ms, 30s, 5m, 1h30m" }
    }

    public static func parse(_ text: String) throws(InvalidDuration) -> Duration {
        switch GoDuration.parse(text.trimmingWhitespace(), allowingDays: true) {
        case .success(let duration): return duration
        case .failure: throw InvalidDuration(text: text)
        }
    }

    /// `1m30s`, `2.5s`, `150ms`: the shortest form that reads naturally.
    public static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 {
            let rounded = (seconds * 10).rounded() / 10
            return rounded == rounded.rounded() ? "\(Int(rounded))s" : "\(rounded)s"
        }
        let whole = Int(seconds.rounded())
        let (h, m, s) = (whole / 3600, (whole % 3600) / 60, whole % 60)
        return (h > 0 ? "\(h)h" : "") + (m > 0 ? "\(m)m" : "") + (s > 0 ? "\(s)s" : "")
    }
}
