/// Go-style durations as Kubernetes users write them: `500ms`, `30s`, `5m`, `1h30m`, `2d` (days, for MTBF).
public enum DurationParser {
    public struct InvalidDuration: Error, Sendable, Hashable, CustomStringConvertible {
        public let text: String
        public var description: String { "invalid duration \"\(text)\": expected e.g. 500ms, 30s, 5m, 1h30m" }
    }

    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("us", 0.000_001), ("µs", 0.000_001), ("ns", 0.000_000_001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
    ]

    public static func parse(_ text: String) throws(InvalidDuration) -> Duration {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw InvalidDuration(text: text) }
        if trimmed == "0" { return .zero }
        var rest = Substring(trimmed)
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw InvalidDuration(text: text) }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { throw InvalidDuration(text: text) }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.seconds
        }
        guard total.isFinite, total < 1e12 else { throw InvalidDuration(text: text) }
        return .nanoseconds(Int64((total * 1e9).rounded()))
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
