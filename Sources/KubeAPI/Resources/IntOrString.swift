/// `intstr.IntOrString`: a field such as `minAvailable` that holds either a count or a percentage like `"50%"`.
public enum IntOrString: Codable, Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    /// Which way to round a percentage that does not land on a whole number.
    public enum Rounding: Sendable, Hashable {
        case up
        case down
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        }
    }

    /// The percentage of `"25%"`; nil for a count or a string that is not a percentage.
    public var percent: Int? {
        guard case .string(let text) = self, text.hasSuffix("%") else { return nil }
        return Int(text.dropLast())
    }

    /// The value as a count: an int as is, a percentage of `total` rounded as asked
    /// (as `intstr.GetScaledValueFromIntOrPercent`). Nil when the string is not a percentage or the product overflows.
    public func scaledValue(total: Int, rounding: Rounding) -> Int? {
        switch self {
        case .int(let number):
            return number
        case .string:
            guard let percent else { return nil }
            let (product, overflow) = percent.multipliedReportingOverflow(by: total)
            guard !overflow else { return nil }
            let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 100)
            // Truncating division rounds towards zero, so adjust only on the side that needs moving.
            switch rounding {
            case .up: return remainder > 0 ? quotient + 1 : quotient
            case .down: return remainder < 0 ? quotient - 1 : quotient
            }
        }
    }

    public var description: String {
        switch self {
        case .int(let number): return String(number)
        case .string(let text): return text
        }
    }
}
