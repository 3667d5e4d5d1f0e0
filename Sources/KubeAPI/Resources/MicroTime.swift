import Foundation

/// `metav1.MicroTime`: a timestamp the API server keeps to the microsecond (Event `eventTime`, Lease times).
///
/// A separate type rather than `Date` because `KubeJSON` encodes plain `metav1.Time` in whole seconds, while the
/// server parses MicroTime with the fixed six-digit `RFC3339Micro` layout.
public struct MicroTime: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        self.date = date
    }

    /// Parses RFC 3339 with or without fractional seconds, as `KubeJSON` does for every timestamp.
    public init?(_ text: String) {
        guard let date = KubeJSON.parseTimestamp(text) else { return nil }
        self.date = date
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
