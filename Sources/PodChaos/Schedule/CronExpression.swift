/// A five-field cron expression — minute hour day-of-month month day-of-week — or one of the `@` macros.
/// See docs/schedule.md for the syntax.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    private static let macros: [String: String] = [
        "@hourly": "0 * * * *",
        "@daily": "0 0 * * *",
        "@midnight": "0 0 * * *",
        "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *",
        "@yearly": "0 0 1 1 *",
        "@annually": "0 0 1 1 *",
    ]

    /// The expression as written, trimmed.
    public let text: String
    let minutes: CronValues
    let hours: CronValues
    let daysOfMonth: CronValues
    let months: CronValues
    let daysOfWeek: CronValues
    /// Vixie cron's rule: when both day fields are restricted a day matches either; when one is `*`, both must match.
    private let eitherDayMatches: Bool

    public var description: String { text }

    public init(_ expression: String) throws(ScheduleError) {
        let trimmed = expression.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty("--cron", expression) }
        var fieldsText = trimmed
        if trimmed.hasPrefix("@") {
            guard let expanded = Self.macros[trimmed.lowercased()] else { throw .cronUnknownMacro(expression, trimmed) }
            fieldsText = expanded
        }
        let tokens = fieldsText.split(whereSeparator: \.isWhitespace)
        guard tokens.count == 5 else { throw .cronFieldCount(expression, tokens.count) }
        let minute = try CronField.minute.parse(tokens[0], in: expression)
        let hour = try CronField.hour.parse(tokens[1], in: expression)
        let dayOfMonth = try CronField.dayOfMonth.parse(tokens[2], in: expression)
        let month = try CronField.month.parse(tokens[3], in: expression)
        let dayOfWeek = try CronField.dayOfWeek.parse(tokens[4], in: expression)
        text = trimmed
        minutes = minute.values
        hours = hour.values
        daysOfMonth = dayOfMonth.values
        months = month.values
        daysOfWeek = dayOfWeek.values
        eitherDayMatches = !dayOfMonth.isStar && !dayOfWeek.isStar
        // `0 0 30 2 *` is valid syntax that can never fire; a daemon that silently never ticks is worse than an error.
        if !dayOfWeek.isStar || dayOfMonth.isStar { return }
        let possible = (1...12).contains { month in
            months.contains(month) && (1...CivilDate.maximumDays(inMonth: month)).contains { daysOfMonth.contains($0) }
        }
        guard possible else { throw .cronNeverFires(expression, days: String(tokens[2]), months: String(tokens[3])) }
    }

    func matches(_ date: CivilDate) -> Bool {
        guard months.contains(date.month) else { return false }
        let dayOfMonth = daysOfMonth.contains(date.day)
        let dayOfWeek = daysOfWeek.contains(date.weekday)
        return eitherDayMatches ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek
    }

    /// The first wall-clock minute (minutes since 1970-01-01 00:00 on the wall) at or after `start` that the
    /// expression selects, searching up to `limitDay` (a day number).
    func firstMinute(atOrAfter start: Int, beforeDay limitDay: Int) -> Int? {
        var day = start.floorDivided(by: 1440)
        var hour = (start - day * 1440) / 60
        var minute = start - day * 1440 - hour * 60
        while day < limitDay {
            let date = CivilDate(dayNumber: day)
            if !months.contains(date.month) {
                let nextMonth =
                    date.month == 12
                    ? CivilDate(year: date.year + 1, month: 1, day: 1) : CivilDate(year: date.year, month: date.month + 1, day: 1)
                (day, hour, minute) = (nextMonth.dayNumber, 0, 0)
                continue
            }
            guard matches(date), let firstHour = hours.first(atOrAfter: hour) else {
                (day, hour, minute) = (day + 1, 0, 0)
                continue
            }
            if firstHour != hour { (hour, minute) = (firstHour, 0) }
            guard let firstMinute = minutes.first(atOrAfter: minute) else {
                (hour, minute) = (hour + 1, 0)
                continue
            }
            return day * 1440 + hour * 60 + firstMinute
        }
        return nil
    }
}
