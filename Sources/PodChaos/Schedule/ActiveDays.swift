/// `--active-days Mon-Fri`: weekdays as names, lists and ranges; a range may wrap the week (`Fri-Mon`).
struct ActiveDays: Sendable, Hashable {
    /// Bit `n` set for weekday `n`, 0 = Sunday.
    private var weekdays: UInt8 = 0

    init(_ text: String) throws(ScheduleError) {
        guard !text.trimmingWhitespace().isEmpty else { throw .empty("--active-days", text) }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let token = String(item).trimmingWhitespace()
            guard !token.isEmpty else { throw .emptyItem("--active-days", text) }
            let ends = token.split(separator: "-", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            guard ends.count <= 2 else { throw .unknownWeekday(text, token) }
            guard let first = CalendarNames.weekday(ends[0]) else { throw .unknownWeekday(text, ends[0]) }
            guard let last = ends.count == 2 ? CalendarNames.weekday(ends[1]) : first else {
                throw .unknownWeekday(text, ends[1])
            }
            var day = first
            weekdays |= 1 << UInt8(day)
            while day != last {
                day = (day + 1) % 7
                weekdays |= 1 << UInt8(day)
            }
        }
    }

    func contains(weekday: Int) -> Bool { weekdays & (1 << UInt8(weekday)) != 0 }
}
