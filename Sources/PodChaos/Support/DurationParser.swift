import KubeAPI

/// Go-style durations as Kubernetes users write them: `500ms`, `30s`, `5m`, `1h30m`, `2d` (days, for MTBF). Written
/// back by `GoDuration.format`.
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
}
