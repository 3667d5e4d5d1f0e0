import Foundation

/// `--active-hours`, `--active-days` and `--exclude-dates` read in `--timezone`; any left out does not restrict.
/// Everything is wall-clock time: `09:00-17:00` is eight hours on most days, none of a `02:00-03:00` window exists
/// on a spring-forward day, and it lasts two hours on a fall-back day. A window wrapping midnight belongs to the day it
/// starts on, for `--active-days` and `--exclude-dates` alike: with `Mon-Fri` and `22:00-06:00`, Friday night runs
/// into Saturday morning and Sunday night does not run into Monday.
public struct ActiveWindow: ActivityWindow, Sendable {
    public let timeZone: TimeZone
    private let hours: ActiveHours?
    private let days: ActiveDays?
    private let excluded: ExcludedDates?

    public init(hours: String?, days: String?, excludeDates: String?, timeZone: TimeZone) throws(ScheduleError) {
        self.hours = try hours.map { text throws(ScheduleError) in try ActiveHours(text) }
        self.days = try days.map { text throws(ScheduleError) in try ActiveDays(text) }
        self.excluded = try excludeDates.map { text throws(ScheduleError) in try ExcludedDates(text) }
        self.timeZone = timeZone
    }

    /// Active all the time.
    public static let always = ActiveWindow(timeZone: .gmt)

    private init(timeZone: TimeZone) {
        (hours, days, excluded) = (nil, nil, nil)
        self.timeZone = timeZone
    }

    /// No hours, days or dates given.
    public var isUnrestricted: Bool { hours == nil && days == nil && excluded == nil }

    public func isActive(at date: Date) -> Bool {
        if isUnrestricted { return true }
        let wall = ZoneClock(timeZone: timeZone).wall(at: date.timeIntervalSince1970)
        guard wall.isFinite, abs(wall) < 1e12 else { return false }
        let day = Int((wall / 86_400).rounded(.down))
        let second = wall - Double(day) * 86_400
        return spans(onDay: day).contains { Double($0.lowerBound) <= second && second < Double($0.upperBound) }
    }

    public func activeDuration(in interval: DateInterval) -> TimeInterval {
        let start = interval.start.timeIntervalSince1970
        let end = interval.end.timeIntervalSince1970
        guard end > start else { return 0 }
        if isUnrestricted { return end - start }
        guard start.isFinite, end.isFinite, abs(start) < 1e12, abs(end) < 1e12 else { return 0 }
        let clock = ZoneClock(timeZone: timeZone)
        // Between offset changes the wall clock runs with real time, so each stretch integrates in wall time: a
        // fall-back day's repeated hour is walked twice, a spring-forward gap never.
        var total = 0.0
        var cursor = start
        while cursor < end {
            let stretchEnd = min(clock.nextOffsetChange(after: cursor) ?? end, end)
            let offset = Double(clock.offset(at: cursor))
            total += activeWallSeconds(from: cursor + offset, to: stretchEnd + offset)
            cursor = stretchEnd
        }
        return total
    }

    /// Active seconds of wall time in `[from, to)`, day by day.
    private func activeWallSeconds(from: Double, to: Double) -> Double {
        var total = 0.0
        var day = Int((from / 86_400).rounded(.down))
        while Double(day) * 86_400 < to {
            let midnight = Double(day) * 86_400
            for span in spans(onDay: day) {
                let overlap = min(midnight + Double(span.upperBound), to) - max(midnight + Double(span.lowerBound), from)
                if overlap > 0 { total += overlap }
            }
            day += 1
        }
        return total
    }

    /// Active spans of a wall day (days since 1970), in seconds after its midnight.
    private func spans(onDay day: Int) -> [Range<Int>] {
        guard let hours else { return dayIsActive(day) ? [0..<86_400] : [] }
        return hours.spans(onDay: day, dayIsActive: dayIsActive)
    }

    private func dayIsActive(_ day: Int) -> Bool {
        let date = CivilDate(dayNumber: day)
        if let days, !days.contains(weekday: date.weekday) { return false }
        if let excluded, excluded.contains(date) { return false }
        return true
    }
}
