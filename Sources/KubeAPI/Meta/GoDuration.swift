/// Durations written as Kubernetes (Go's `time.ParseDuration`) writes them: `500ms`, `2s`, `1m30s`, `1.5h`.
/// Units `ns`, `us` (or `µs`), `ms`, `s`, `m`, `h`, and `d` when asked for (an MTBF of `2d`); no sign, since
/// nothing here takes negative time. The one parser for the sandbox's faults and the tool's flags.
public enum GoDuration {
    private static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]
    private static let day: (suffix: String, nanoseconds: Int64) = ("d", 86_400_000_000_000)

    /// Parses a duration, or says what is wrong with it in words a user can act on.
    public static func parse(_ text: String, allowingDays: Bool = false) -> Result<Duration, DurationSyntaxError> {
        let units = allowingDays ? Self.units + [Self.day] : Self.units
        if text == "0" { return .success(.zero) }
        guard !text.isEmpty else { return .failure(DurationSyntaxError(text: text, problem: "is empty")) }
        var rest = Substring(text)
        var total: Int64 = 0
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(whole.count)
            var fraction = Substring("")
            if rest.first == "." {
                rest = rest.dropFirst()
                fraction = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else {
                return .failure(DurationSyntaxError(text: text, problem: "needs a number before each unit"))
            }
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unitText.count)
            guard let unit = units.first(where: { $0.suffix == unitText })?.nanoseconds else {
                let problem = unitText.isEmpty ? "has a number without a unit" : "has unknown unit \"\(unitText)\""
                return .failure(DurationSyntaxError(text: text, problem: problem))
            }
            guard let value = nanoseconds(whole: whole, fraction: fraction, unit: unit),
                case (let sum, false) = total.addingReportingOverflow(value)
            else {
                return .failure(DurationSyntaxError(text: text, problem: "is too long"))
            }
            total = sum
        }
        return .success(.nanoseconds(total))
    }

    /// How much of a duration `format` writes.
    public enum Precision: Sendable {
        /// Every nanosecond, as Go's `Duration.String` writes it: `1h0m0s`, `2.05s`, `250µs`.
        case exact
        /// For a person to read: milliseconds below a second, tenths of a second below a minute, whole seconds above,
        /// and no trailing zero units: `150ms`, `2.1s`, `1m30s`, `1h`.
        case readable
    }

    /// Formats as Go's `Duration.String` does, so that an exact duration parses back the same: `1m30s`, `500ms`.
    public static func format(_ duration: Duration, precision: Precision = .exact) -> String {
        let (seconds, attoseconds) = duration.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if nanos < 0 { return "-" + format(.nanoseconds(-nanos), precision: precision) }
        switch precision {
        case .exact: return format(nanoseconds: nanos, trimmingZeroUnits: false)
        case .readable: return format(nanoseconds: rounded(nanos), trimmingZeroUnits: true)
        }
    }

    private static func format(nanoseconds nanos: Int64, trimmingZeroUnits: Bool) -> String {
        if nanos == 0 { return "0s" }
        if nanos < 1_000 { return "\(nanos)ns" }
        if nanos < 1_000_000 { return decimal(nanos, unit: 1_000) + "µs" }
        if nanos < 1_000_000_000 { return decimal(nanos, unit: 1_000_000) + "ms" }
        let hours = nanos / 3_600_000_000_000
        let minutes = (nanos / 60_000_000_000) % 60
        let secondsPart = nanos % 60_000_000_000
        var text = hours > 0 ? "\(hours)h\(minutes)m" : minutes > 0 ? "\(minutes)m" : ""
        if !trimmingZeroUnits || secondsPart != 0 || text.isEmpty {
            text += decimal(secondsPart, unit: 1_000_000_000) + "s"
        } else if text.hasSuffix("h0m") {
            text.removeLast(2)
        }
        return text
    }

    /// `nanos` (not negative) to the nearest millisecond below a second, tenth of a second below a minute, or second.
    private static func rounded(_ nanos: Int64) -> Int64 {
        let unit: Int64 = nanos < 1_000_000_000 ? 1_000_000 : nanos < 60_000_000_000 ? 100_000_000 : 1_000_000_000
        let (whole, remainder) = nanos.quotientAndRemainder(dividingBy: unit)
        return (whole + (remainder * 2 >= unit ? 1 : 0)) * unit
    }

    private static func nanoseconds(whole: Substring, fraction: Substring, unit: Int64) -> Int64? {
        var value: Int64 = 0
        for digit in whole.compactMap(\.wholeNumberValue) {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        // Units are powers of ten of nanoseconds (or 60 and 3600 times one), so each further digit is exact until
        // it falls below a nanosecond, where Go truncates too.
        var place = unit
        var fractional: Int64 = 0
        for digit in fraction.compactMap(\.wholeNumberValue) {
            place /= 10
            if place == 0 { break }
            fractional += Int64(digit) * place
        }
        let (sum, overflowSum) = scaled.addingReportingOverflow(fractional)
        return overflowSum ? nil : sum
    }

    private static func decimal(_ value: Int64, unit: Int64) -> String {
        let (whole, remainder) = value.quotientAndRemainder(dividingBy: unit)
        guard remainder != 0 else { return "\(whole)" }
        var digits = String(remainder)
        digits = String(repeating: "0", count: String(unit).count - 1 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
