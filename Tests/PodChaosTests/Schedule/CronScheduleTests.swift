import Foundation
import Testing

@testable import PodChaos

@Suite("Cron schedules: next fire")
struct CronScheduleTests {
    private static let utc = ScheduleClock.zone("UTC")

    @Test(
        "Next fire in UTC across month, year and leap-day boundaries",
        arguments: [
            ("0 0 1 1 *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z"),
            ("59 23 31 12 *", "2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z"),
            ("0 0 31 * *", "2026-04-15T00:00:00Z", "2026-05-31T00:00:00Z"),
            ("0 0 31 * *", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z"),
            ("0 0 1 * *", "2026-12-15T08:00:00Z", "2027-01-01T00:00:00Z"),
            ("@monthly", "2026-01-31T00:00:00Z", "2026-02-01T00:00:00Z"),
            ("30 4 * 2 *", "2026-02-28T04:30:00Z", "2027-02-01T04:30:00Z"),
            ("0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z"),
            ("0 0 29 2 *", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"),
            ("0 0 29 2 *", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z"),
            ("0 0 29 2 *", "2399-03-01T00:00:00Z", "2400-02-29T00:00:00Z"),
            ("*/15 * * * *", "2026-01-31T23:59:30Z", "2026-02-01T00:00:00Z"),
            ("*/15 * * * *", "2026-12-31T23:45:00Z", "2027-01-01T00:00:00Z"),
            ("0 0 * * *", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
            ("0 12 * * MON-FRI", "2026-01-30T12:00:00Z", "2026-02-02T12:00:00Z"),
            ("0 0 * * 0", "2026-12-27T00:00:00Z", "2027-01-03T00:00:00Z"),
            ("@weekly", "2026-12-31T00:00:00Z", "2027-01-03T00:00:00Z"),
            ("0 0 1 1 *", "1999-12-31T12:00:00Z", "2000-01-01T00:00:00Z"),
            ("0 0 1 1 *", "1969-06-01T00:00:00Z", "1970-01-01T00:00:00Z"),
            ("30 6 * * *", "1960-02-28T07:00:00Z", "1960-02-29T06:30:00Z"),
            ("5 4 * * SUN", "2026-03-01T04:05:00Z", "2026-03-08T04:05:00Z"),
        ])
    func nextFire(expression: String, after: String, expected: String) throws {
        let schedule = try CronSchedule(expression: expression, timeZone: Self.utc)
        let next = schedule.next(after: ScheduleClock.date(after), random: 0.5)
        #expect(next.map { ScheduleClock.render($0, in: Self.utc) } == expected)
    }

    @Test("A fraction of a second past a fire moves on to the next minute; just before it, the fire is next")
    func fractionalSeconds() throws {
        let schedule = try CronSchedule(expression: "* * * * *", timeZone: Self.utc)
        let minute = ScheduleClock.date("2026-05-05T10:00:00Z")
        #expect(schedule.next(after: minute.addingTimeInterval(0.5), random: 0) == minute.addingTimeInterval(60))
        #expect(schedule.next(after: minute.addingTimeInterval(-0.001), random: 0) == minute)
    }

    @Test(
        "Day-of-month and day-of-week: either matches when both are restricted, both must when one is *",
        arguments: [
            // 13 April 2026 is a Monday: it fires for the 13th, the Fridays for the weekday.
            (
                "0 0 13 * FRI", "2026-04-01T00:00:00Z",
                ["2026-04-03", "2026-04-10", "2026-04-13", "2026-04-17", "2026-04-24", "2026-05-01"]
            ),
            (
                "0 0 1-7 * MON", "2026-05-31T00:00:00Z",
                [
                    "2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08",
                    "2026-06-15", "2026-06-22", "2026-06-29", "2026-07-01",
                ]
            ),
            // A step other than 1 restricts, as in Kubernetes CronJobs: odd days or Mondays.
            ("0 0 */2 * MON", "2026-06-01T00:00:00Z", ["2026-06-03", "2026-06-05", "2026-06-07", "2026-06-08", "2026-06-09"]),
            // `*/1` is `*`: Mondays only.
            ("0 0 */1 * MON", "2026-05-31T00:00:00Z", ["2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22"]),
            ("0 0 * * MON", "2026-05-31T00:00:00Z", ["2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22"]),
            ("0 0 1,15 * *", "2026-05-31T00:00:00Z", ["2026-06-01", "2026-06-15", "2026-07-01", "2026-07-15"]),
            // February 2027 has no 30th: only the Sundays fire there.
            ("0 0 30 * SUN", "2027-01-30T00:00:00Z", ["2027-01-31", "2027-02-07", "2027-02-14", "2027-02-21", "2027-02-28", "2027-03-07"]),
        ])
    func dayFieldsRule(expression: String, after: String, expectedDays: [String]) throws {
        let schedule = try CronSchedule(expression: expression, timeZone: Self.utc)
        var cursor = ScheduleClock.date(after)
        var days: [String] = []
        for _ in expectedDays {
            guard let next = schedule.next(after: cursor, random: 0) else { break }
            days.append(String(ScheduleClock.render(next, in: Self.utc).prefix(10)))
            cursor = next
        }
        #expect(days == expectedDays)
    }

    /// Brute force with Foundation's calendar as the oracle, minute by minute over six weeks spanning a year end.
    @Test(
        "Every fire over six weeks matches a minute-by-minute scan with Foundation's calendar",
        arguments: [
            ("*/20 3,15 * * *", false), ("0 0 1,31 * MON", true), ("45 23 * 12,1 SAT,SUN", false), ("0 */7 1-10 * *", false),
            ("@daily", false),
        ])
    func agreesWithBruteForce(expression: String, eitherDay: Bool) throws {
        let schedule = try CronSchedule(expression: expression, timeZone: Self.utc)
        let parsed = try CronExpression(expression)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.utc
        let start = ScheduleClock.date("2026-12-10T00:00:00Z")
        let end = ScheduleClock.date("2027-01-21T00:00:00Z")
        var expected: [Date] = []
        var minute = start
        while minute < end {
            let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: minute)
            let dayOfMonth = parsed.daysOfMonth.contains(c.day!)
            let dayOfWeek = parsed.daysOfWeek.contains(c.weekday! - 1)
            let dayMatches = eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek
            if parsed.minutes.contains(c.minute!), parsed.hours.contains(c.hour!), parsed.months.contains(c.month!), dayMatches {
                expected.append(minute)
            }
            minute = minute.addingTimeInterval(60)
        }
        #expect(!expected.isEmpty)
        #expect(ScheduleClock.ticks(of: schedule, from: start, to: end) == expected)
    }

    @Test("Random draws do not move a cron tick")
    func ignoresRandom() throws {
        let schedule = try CronSchedule(expression: "17 * * * *", timeZone: Self.utc)
        let after = ScheduleClock.date("2026-05-05T10:20:00Z")
        let ticks = Set([0, 0.25, 0.5, 0.999_999].map { schedule.next(after: after, random: $0) })
        #expect(ticks == [ScheduleClock.date("2026-05-05T11:17:00Z")])
    }

    @Test("Bad expressions fail the schedule's initialiser with the cron error")
    func initialiserThrows() {
        let error = #expect(throws: ScheduleError.self) {
            try CronSchedule(expression: "61 * * * *", timeZone: Self.utc)
        }
        #expect(error?.description == #"--cron "61 * * * *": minute 61 is out of range 0-59"#)
    }
}
