import Foundation

/// `--cron EXPR` read in `--timezone`. A wall-clock time fires at the first instant the zone's clock reaches it: a
/// time a spring-forward skips fires once, at the end of the gap (02:30 → 03:00); a time a fall-back repeats fires
/// once, at its first occurrence. Never twice, never silently skipped. Ignores `random`: cron has no jitter.
public struct CronSchedule: TickSchedule, CustomStringConvertible {
    /// Far enough to find the next 29 February after a century year that is not a leap year (2096 → 2104).
    private static let searchDays = 12 * 366

    public let expression: CronExpression
    public let timeZone: TimeZone

    public init(expression: CronExpression, timeZone: TimeZone) {
        self.expression = expression
        self.timeZone = timeZone
    }

    public init(expression: String, timeZone: TimeZone) throws(ScheduleError) {
        self.init(expression: try CronExpression(expression), timeZone: timeZone)
    }

    public var description: String { "cron \"\(expression)\" in \(timeZone.identifier)" }

    public func next(after date: Date, random: Double) -> Date? {
        let instant = date.timeIntervalSince1970
        // About ±30,000 years: beyond that no calendar arithmetic here is meaningful.
        guard instant.isFinite, abs(instant) < 1e12 else { return nil }
        let clock = ZoneClock(timeZone: timeZone)
        // Minutes at or before the current wall minute fire no later than `date`, so the search starts one past it.
        var minute = Int((clock.wall(at: instant) / 60).rounded(.down)) + 1
        let limitDay = minute.floorDivided(by: 1440) + Self.searchDays
        while let candidate = expression.firstMinute(atOrAfter: minute, beforeDay: limitDay) {
            let fire = clock.firstInstant(reachingWall: Double(candidate) * 60)
            // After a fall-back the wall clock replays an hour whose minutes fired on their first pass.
            if fire > instant { return Date(timeIntervalSince1970: fire) }
            minute = candidate + 1
        }
        return nil
    }
}
