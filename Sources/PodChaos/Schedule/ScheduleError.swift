/// A schedule or window flag that cannot be understood. `description` is the one line the CLI prints; it names the
/// flag, its value and the offending token, e.g. `--cron "61 * * * *": minute 61 is out of range 0-59`.
public struct ScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case empty
        case fieldCount(Int)
        case unknownMacro(String)
        case outOfRange(field: String, value: Int, range: ClosedRange<Int>)
        case notAValue(field: String, token: String, names: String?)
        case badStep(field: String, token: String)
        case backwardsRange(field: String, token: String)
        case emptyItem(field: String?)
        case neverFires(days: String, months: String)
        case intervalNotPositive
        case jitterOutOfRange
        case hoursSyntax
        case badTimeOfDay(String)
        case emptyHours
        case unknownWeekday(String)
        case badDate(String)
        case unknownTimeZone
    }

    /// The flag as the CLI spells it, e.g. `--cron`; a configuration file maps it to its own key.
    public let flag: String
    /// The value given, verbatim.
    public let value: String
    private let quoted: Bool
    private let code: Code

    private init(_ flag: String, _ value: String, quoted: Bool = true, _ code: Code) {
        self.flag = flag
        self.value = value
        self.quoted = quoted
        self.code = code
    }

    public var description: String { "\(flag) \(quoted ? "\"\(value)\"" : value): \(reason)" }

    /// What is wrong, without the flag and value in front.
    public var reason: String {
        switch code {
        case .empty:
            "the value is empty"
        case .fieldCount(let count):
            "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @daily, found \(count)"
        case .unknownMacro(let macro):
            "unknown macro \"\(macro)\"; expected @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually"
        case .outOfRange(let field, let value, let range):
            "\(field) \(value) is out of range \(range.lowerBound)-\(range.upperBound)"
        case .notAValue(let field, let token, let names?):
            "\(field) \"\(token)\" is neither a number nor a name (\(names))"
        case .notAValue(let field, let token, nil):
            "\(field) \"\(token)\" is not a number"
        case .badStep(let field, let token):
            "\(field) step in \"\(token)\" must be a positive number"
        case .backwardsRange(let field, let token):
            "\(field) range \"\(token)\" runs backwards; cron ranges do not wrap, write it as two ranges"
        case .emptyItem(let field?):
            "\(field) has an empty list item"
        case .emptyItem(nil):
            "the list has an empty item"
        case .neverFires(let days, let months):
            "day-of-month \"\(days)\" never occurs in month \"\(months)\", so the schedule would never fire"
        case .intervalNotPositive:
            "the interval must be a positive duration"
        case .jitterOutOfRange:
            "jitter must be a fraction in 0..<1 (0.1 spreads ticks by ±10% of the interval)"
        case .hoursSyntax:
            "expected HH:MM-HH:MM, e.g. 09:00-17:00 or 22:00-06:00 across midnight"
        case .badTimeOfDay(let token):
            "\"\(token)\" is not a time of day; expected 00:00-23:59, or 24:00 as the end"
        case .emptyHours:
            "start and end are the same; leave --active-hours out to be active all day"
        case .unknownWeekday(let token):
            "\"\(token)\" is not a weekday; expected e.g. Mon-Fri, Sat,Sun or Fri-Mon"
        case .badDate(let token):
            "\"\(token)\" is not a date; expected e.g. 2026-12-24, 12-25, Jan1 or Dec 31"
        case .unknownTimeZone:
            "unknown time zone; expected an IANA name such as UTC, Europe/Berlin or America/New_York"
        }
    }

    static func empty(_ flag: String, _ value: String) -> ScheduleError { ScheduleError(flag, value, .empty) }
    static func emptyItem(_ flag: String, _ value: String, field: String? = nil) -> ScheduleError {
        ScheduleError(flag, value, .emptyItem(field: field))
    }

    // MARK: --cron

    static func cronFieldCount(_ expression: String, _ count: Int) -> ScheduleError {
        ScheduleError("--cron", expression, .fieldCount(count))
    }
    static func cronUnknownMacro(_ expression: String, _ macro: String) -> ScheduleError {
        ScheduleError("--cron", expression, .unknownMacro(macro))
    }
    static func cronOutOfRange(_ expression: String, field: String, value: Int, range: ClosedRange<Int>) -> ScheduleError {
        ScheduleError("--cron", expression, .outOfRange(field: field, value: value, range: range))
    }
    static func cronNotAValue(_ expression: String, field: String, token: String, names: String?) -> ScheduleError {
        ScheduleError("--cron", expression, .notAValue(field: field, token: token, names: names))
    }
    static func cronBadStep(_ expression: String, field: String, token: String) -> ScheduleError {
        ScheduleError("--cron", expression, .badStep(field: field, token: token))
    }
    static func cronBackwardsRange(_ expression: String, field: String, token: String) -> ScheduleError {
        ScheduleError("--cron", expression, .backwardsRange(field: field, token: token))
    }
    static func cronNeverFires(_ expression: String, days: String, months: String) -> ScheduleError {
        ScheduleError("--cron", expression, .neverFires(days: days, months: months))
    }

    // MARK: --interval, --jitter

    static func interval(_ seconds: Double) -> ScheduleError {
        ScheduleError("--interval", format(seconds: seconds), quoted: false, .intervalNotPositive)
    }
    static func jitter(_ fraction: Double) -> ScheduleError {
        ScheduleError("--jitter", "\(fraction)", quoted: false, .jitterOutOfRange)
    }

    // MARK: windows and time zone

    static func hoursSyntax(_ text: String) -> ScheduleError { ScheduleError("--active-hours", text, .hoursSyntax) }
    static func hoursBadTime(_ text: String, _ token: String) -> ScheduleError {
        ScheduleError("--active-hours", text, .badTimeOfDay(token))
    }
    static func hoursEmptySpan(_ text: String) -> ScheduleError { ScheduleError("--active-hours", text, .emptyHours) }
    static func unknownWeekday(_ text: String, _ token: String) -> ScheduleError {
        ScheduleError("--active-days", text, .unknownWeekday(token))
    }
    static func badDate(_ text: String, _ token: String) -> ScheduleError { ScheduleError("--exclude-dates", text, .badDate(token)) }
    static func unknownTimeZone(_ text: String) -> ScheduleError { ScheduleError("--timezone", text, .unknownTimeZone) }

    private static func format(seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)" }  // "nan", "inf": no unit to add
        return seconds == seconds.rounded() && abs(seconds) < 1e15 ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
