import Foundation

/// `metav1.MicroTime`: a timestamp the API server keeps to the microsecond (Event `eventTime`, Lease times).
///
/// A separate type rather than `Date` because the encoder writes plain `metav1.Time` in whole seconds,
/// and the server rejects an Event whose `eventTime` lacks the fractional part.
public struct MicroTime: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        self.date = date
    }

    /// Parses RFC 3339 with any number of fractional digits, keeping microseconds that a millisecond-precise
    /// parser would drop.
    public init?(_ text: String) {
        guard let dot = text.firstIndex(of: ".") else {
            guard let date = KubeJSON.parseTimestamp(text) else { return nil }
            self.date = date
            return
        }
        let afterDot = text[text.index(after: dot)...]
        let digits = afterDot.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let whole = KubeJSON.parseTimestamp(String(text[..<dot]) + afterDot.dropFirst(digits.count))
        else { return nil }
        // Nanoseconds are the finest precision the API server emits; anything finer is ignored.
        let nanos = digits.prefix(9) + String(repeating: "0", count: max(0, 9 - digits.count))
        guard let fraction = Int(nanos) else { return nil }
        self.date = whole.addingTimeInterval(Double(fraction) / 1_000_000_000)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = MicroTime(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an RFC 3339 timestamp")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `2026-11-25T11:54:21.526560Z`.
    public var description: String { KubeJSON.formatMicroTimestamp(date) }

    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool { lhs.date < rhs.date }
}
