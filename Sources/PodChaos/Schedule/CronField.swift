/// One of the five fields of a cron expression, with its range and the names it accepts.
enum CronField: CaseIterable, Sendable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// Day-of-week accepts 7 as well as 0 for Sunday, as every cron since Vixie's does.
    var range: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    private var namesHint: String? {
        switch self {
        case .month: "JAN-DEC"
        case .dayOfWeek: "SUN-SAT"
        default: nil
        }
    }

    /// The values `token` selects, and whether it was written as a bare `*` — which is what decides, as in Vixie
    /// cron and Kubernetes CronJobs, whether day-of-month and day-of-week are combined with OR or with AND.
    func parse(_ token: Substring, in expression: String) throws(ScheduleError) -> (values: CronValues, isStar: Bool) {
        var values = CronValues()
        var isStar = false
        for item in token.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw .emptyItem("--cron", expression, field: name) }
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw .cronBadStep(expression, field: name, token: String(item)) }
            var step = 1
            if parts.count == 2 {
                guard let parsed = Int(parts[1]), parsed > 0 else {
                    throw .cronBadStep(expression, field: name, token: String(item))
                }
                step = parsed
            }
            let bounds: ClosedRange<Int>
            if parts[0] == "*" {
                bounds = range
                isStar = isStar || step == 1
            } else if parts[0].contains("-") {
                let ends = parts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count == 2, !ends[0].isEmpty, !ends[1].isEmpty else {
                    throw .cronNotAValue(expression, field: name, token: String(parts[0]), names: namesHint)
                }
                let low = try value(ends[0], in: expression)
                let high = try value(ends[1], in: expression)
                guard low <= high else { throw .cronBackwardsRange(expression, field: name, token: String(parts[0])) }
                bounds = low...high
            } else {
                let start = try value(parts[0], in: expression)
                // `5/15` reads as `5-59/15`, as Kubernetes CronJobs read it.
                bounds = start...(parts.count == 2 ? range.upperBound : start)
            }
            for value in stride(from: bounds.lowerBound, through: bounds.upperBound, by: step) {
                values.insert(self == .dayOfWeek && value == 7 ? 0 : value)
            }
        }
        return (values, isStar)
    }

    private func value(_ text: Substring, in expression: String) throws(ScheduleError) -> Int {
        if text.allSatisfy(\.isASCIIDigit), let number = Int(text) {
            guard range.contains(number) else {
                throw .cronOutOfRange(expression, field: name, value: number, range: range)
            }
            return number
        }
        let named: Int? =
            switch self {
            case .month: CalendarNames.month(text)
            case .dayOfWeek: CalendarNames.weekday(text)
            default: nil
            }
        guard let named else { throw .cronNotAValue(expression, field: name, token: String(text), names: namesHint) }
        return named
    }
}

/// A set of small non-negative integers (a cron field's values) as a bit mask, with the "next one from here" lookup
/// the schedule search needs.
struct CronValues: Sendable, Hashable {
    private var bits: UInt64 = 0

    mutating func insert(_ value: Int) { bits |= 1 << UInt64(value) }

    func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0 }

    /// The smallest value that is `value` or more, if any.
    func first(atOrAfter value: Int) -> Int? {
        guard value < 64 else { return nil }
        let remaining = bits >> UInt64(max(value, 0))
        return remaining == 0 ? nil : max(value, 0) + remaining.trailingZeroBitCount
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
