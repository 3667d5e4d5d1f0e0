import Foundation
import Testing

@testable import PodChaos

/// 2026-06-01 is a Monday. DST days as in CronDaylightSavingTests.
@Suite("Active windows: hours, days, holidays")
struct ActiveWindowTests {
    struct Window: Sendable, CustomTestStringConvertible {
        var hours: String? = nil
        var days: String? = nil
        var exclude: String? = nil
        var zone = "UTC"

        func make() throws -> ActiveWindow {
            try ActiveWindow(hours: hours, days: days, excludeDates: exclude, timeZone: ScheduleClock.zone(zone))
        }

        var testDescription: String {
            [hours.map { "hours \($0)" }, days.map { "days \($0)" }, exclude.map { "exclude \($0)" }, zone]
                .compactMap { $0 }.joined(separator: ", ")
        }
    }

    static let instants: [(Window, String, Bool)] = [
        (Window(hours: "09:00-17:00"), "2026-06-01T08:59:59Z", false),
        (Window(hours: "09:00-17:00"), "2026-06-01T09:00:00Z", true),
        (Window(hours: "09:00-17:00"), "2026-06-01T16:59:59Z", true),
        (Window(hours: "09:00-17:00"), "2026-06-01T17:00:00Z", false),
        (Window(hours: "9:30-24:00"), "2026-06-01T23:59:59Z", true),
        (Window(hours: "9:30-24:00"), "2026-06-02T00:00:00Z", false),
        // A night window belongs to the day it starts on.
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-05T23:00:00Z", true),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-06T05:59:59Z", true),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-06T06:00:00Z", false),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-06T22:00:00Z", false),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-07T23:00:00Z", false),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-08T01:00:00Z", false),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-08T22:00:00Z", true),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-09T03:00:00Z", true),
        (Window(hours: "22:00-06:00", days: "Mon-Fri"), "2026-06-09T12:00:00Z", false),
        // Day ranges may wrap the week; names in any case, short or long.
        (Window(days: "Fri-Mon"), "2026-06-04T12:00:00Z", false),
        (Window(days: "Fri-Mon"), "2026-06-05T12:00:00Z", true),
        (Window(days: "Fri-Mon"), "2026-06-06T12:00:00Z", true),
        (Window(days: "Fri-Mon"), "2026-06-07T12:00:00Z", true),
        (Window(days: "Fri-Mon"), "2026-06-08T12:00:00Z", true),
        (Window(days: "Fri-Mon"), "2026-06-09T12:00:00Z", false),
        (Window(days: "Mon-Wed,Fri"), "2026-06-03T23:59:59Z", true),
        (Window(days: "Mon-Wed,Fri"), "2026-06-04T00:00:00Z", false),
        (Window(days: "Mon-Wed,Fri"), "2026-06-05T00:00:00Z", true),
        (Window(days: "Sat,Sun"), "2026-06-06T00:00:00Z", true),
        (Window(days: "Sat,Sun"), "2026-06-08T00:00:00Z", false),
        (Window(days: " saturday , SUN "), "2026-06-07T00:00:00Z", true),
        (Window(days: "Wed-Wed"), "2026-06-03T12:00:00Z", true),
        (Window(days: "Wed-Wed"), "2026-06-04T12:00:00Z", false),
        // Holidays: a full date once, a month and day every year.
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2026-12-23T23:59:59Z", true),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2026-12-24T12:00:00Z", false),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2027-12-24T12:00:00Z", true),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2026-12-25T00:00:00Z", false),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2027-12-25T23:59:59Z", false),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2026-12-26T00:00:00Z", true),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2026-12-31T12:00:00Z", false),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2027-01-01T12:00:00Z", false),
        (Window(exclude: "2026-12-24,12-25,Jan1,Dec 31"), "2027-01-02T12:00:00Z", true),
        (Window(exclude: "february 29"), "2028-02-29T12:00:00Z", false),
        (Window(exclude: "february 29"), "2027-03-01T12:00:00Z", true),
        // A holiday's night window starts on the holiday; the night before it still runs into its morning.
        (Window(hours: "22:00-06:00", exclude: "12-24"), "2026-12-24T03:00:00Z", true),
        (Window(hours: "22:00-06:00", exclude: "12-24"), "2026-12-24T23:00:00Z", false),
        (Window(hours: "22:00-06:00", exclude: "12-24"), "2026-12-25T03:00:00Z", false),
        (Window(hours: "22:00-06:00", exclude: "12-24"), "2026-12-25T23:00:00Z", true),
        // Read in the window's time zone.
        (Window(hours: "09:00-17:00", zone: "Europe/Berlin"), "2026-07-01T06:59:59Z", false),
        (Window(hours: "09:00-17:00", zone: "Europe/Berlin"), "2026-07-01T07:00:00Z", true),
        (Window(hours: "09:00-17:00", zone: "Europe/Berlin"), "2026-01-15T07:30:00Z", false),
        (Window(hours: "09:00-17:00", zone: "Europe/Berlin"), "2026-01-15T08:00:00Z", true),
        (Window(days: "Mon-Fri", zone: "America/New_York"), "2026-06-06T02:00:00Z", true),
        (Window(days: "Mon-Fri", zone: "America/New_York"), "2026-06-06T04:00:00Z", false),
        (Window(exclude: "Dec 25", zone: "America/New_York"), "2026-12-26T04:59:59Z", false),
        (Window(exclude: "Dec 25", zone: "America/New_York"), "2026-12-26T05:00:00Z", true),
        // A window in the changing hour: absent on the spring-forward day, on both passes on the fall-back day.
        (Window(hours: "02:00-03:00", zone: "Europe/Berlin"), "2026-03-29T00:59:59Z", false),
        (Window(hours: "02:00-03:00", zone: "Europe/Berlin"), "2026-03-29T01:00:00Z", false),
        (Window(hours: "02:00-03:00", zone: "Europe/Berlin"), "2026-10-25T00:30:00Z", true),
        (Window(hours: "02:00-03:00", zone: "Europe/Berlin"), "2026-10-25T01:30:00Z", true),
        (Window(hours: "02:00-03:00", zone: "Europe/Berlin"), "2026-10-25T02:00:00Z", false),
    ]

    @Test("Active or not at an instant", arguments: instants)
    func activeAt(window: Window, instant: String, expected: Bool) throws {
        #expect(try window.make().isActive(at: ScheduleClock.date(instant)) == expected)
    }

    static let durations: [(Window, String, String, TimeInterval)] = [
        (Window(hours: "09:00-17:00", days: "Mon-Fri"), "2026-06-01T00:00:00Z", "2026-06-08T00:00:00Z", 40 * 3600.0),
        (Window(hours: "22:00-06:00", days: "Fri"), "2026-06-01T00:00:00Z", "2026-06-08T00:00:00Z", 8 * 3600),
        (Window(exclude: "Dec 24,Dec 25,Dec 26"), "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", 28 * 86_400),
        (Window(days: "Sun", zone: "Europe/Berlin"), "2026-03-28T00:00:00+01:00", "2026-04-01T00:00:00+02:00", 23 * 3600),
        (Window(days: "Sun", zone: "Europe/Berlin"), "2026-10-24T00:00:00+02:00", "2026-10-27T00:00:00+01:00", 25 * 3600),
        (Window(days: "Sun", zone: "America/New_York"), "2026-03-07T00:00:00-05:00", "2026-03-10T00:00:00-04:00", 23 * 3600),
        (Window(days: "Sun", zone: "America/New_York"), "2026-10-31T00:00:00-04:00", "2026-11-03T00:00:00-05:00", 25 * 3600),
        (Window(hours: "00:00-24:00", zone: "Europe/Berlin"), "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 23 * 3600),
        (Window(hours: "02:00-03:00", zone: "Europe/Berlin"), "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00", 0),
        (Window(hours: "02:00-03:00", zone: "Europe/Berlin"), "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", 2 * 3600),
        (Window(hours: "02:00-03:00", zone: "America/New_York"), "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 0),
        (Window(hours: "01:00-02:00", zone: "America/New_York"), "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 2 * 3600),
        // A night window across each change: 22:00 to 06:00 lasts 7 hours, then 9.
        (Window(hours: "22:00-06:00", zone: "Europe/Berlin"), "2026-03-28T12:00:00+01:00", "2026-03-29T12:00:00+02:00", 7 * 3600),
        (Window(hours: "22:00-06:00", zone: "Europe/Berlin"), "2026-10-24T12:00:00+02:00", "2026-10-25T12:00:00+01:00", 9 * 3600),
        (
            Window(hours: "09:00-17:00", days: "Mon-Fri", zone: "Europe/Berlin"), "2026-01-01T00:00:00+01:00",
            "2027-01-01T00:00:00+01:00", 261 * 8 * 3600
        ),
        (Window(hours: "09:00-17:00"), "2026-06-01T12:00:00Z", "2026-06-01T12:00:00Z", 0),
    ]

    @Test("Active duration, exact, across DST days of 23 and 25 hours", arguments: durations)
    func activeDuration(window: Window, from: String, to: String, expected: TimeInterval) throws {
        let interval = DateInterval(start: ScheduleClock.date(from), end: ScheduleClock.date(to))
        #expect(try window.make().activeDuration(in: interval) == expected)
    }

    @Test("Fractions of a second at the ends count exactly")
    func fractionalEnds() throws {
        let window = try Window(hours: "09:00-17:00").make()
        let start = ScheduleClock.date("2026-06-01T10:30:00Z").addingTimeInterval(0.25)
        let end = ScheduleClock.date("2026-06-02T09:15:00Z").addingTimeInterval(0.5)
        let expected = (6.5 * 3600 - 0.25) + (15 * 60 + 0.5)
        #expect(abs(window.activeDuration(in: DateInterval(start: start, end: end)) - expected) < 1e-6)
    }

    /// Minute sampling of `isActive` is exact here: every window edge and every offset change falls on a whole minute.
    @Test(
        "Active duration agrees with isActive sampled every minute around each change",
        arguments: [
            (Window(hours: "22:00-06:00", days: "Sat,Mon-Wed", exclude: "10-26", zone: "Europe/Berlin"), "2026-10-22T00:00:00Z"),
            (Window(hours: "01:30-02:30", days: "Sun", zone: "Europe/Berlin"), "2026-03-26T00:00:00Z"),
            (Window(hours: "00:45-03:15", zone: "America/New_York"), "2026-10-29T00:00:00Z"),
            (Window(hours: "23:00-02:00", days: "Sat-Sun", zone: "America/New_York"), "2026-03-05T00:00:00Z"),
            (Window(hours: "01:00-02:15", zone: "Australia/Lord_Howe"), "2026-04-02T00:00:00Z"),
            (Window(hours: "02:10-02:40", zone: "Australia/Lord_Howe"), "2026-10-01T00:00:00Z"),
        ])
    func agreesWithSampling(window: Window, from: String) throws {
        let active = try window.make()
        let start = ScheduleClock.date(from)
        let minutes = 6 * 24 * 60
        let sampled = (0..<minutes).reduce(0.0) { total, minute in
            total + (active.isActive(at: start.addingTimeInterval(Double(minute) * 60)) ? 60 : 0)
        }
        let interval = DateInterval(start: start, duration: Double(minutes) * 60)
        #expect(sampled > 0)
        #expect(active.activeDuration(in: interval) == sampled)
    }

    @Test("Active duration adds up over any split of the interval")
    func additive() throws {
        let window = try Window(hours: "20:00-04:30", days: "Fri-Tue", exclude: "2026-11-02", zone: "America/New_York").make()
        let start = ScheduleClock.date("2026-10-20T00:00:00Z")
        let whole = window.activeDuration(in: DateInterval(start: start, duration: 30 * 86_400))
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let split = start.addingTimeInterval(Double.random(in: 0..<(30 * 86_400), using: &generator))
            let left = window.activeDuration(in: DateInterval(start: start, end: split))
            let right = window.activeDuration(in: DateInterval(start: split, duration: 30 * 86_400 - split.timeIntervalSince(start)))
            #expect(abs(left + right - whole) < 1e-3)
        }
    }

    @Test("No hours, days or dates: always active")
    func unrestricted() throws {
        for window in [try Window().make(), ActiveWindow.always] {
            #expect(window.isUnrestricted)
            #expect(window.isActive(at: ScheduleClock.date("2026-03-29T01:30:00Z")))
            let interval = DateInterval(start: ScheduleClock.date("2026-03-28T00:00:00Z"), duration: 3 * 86_400 + 0.5)
            #expect(window.activeDuration(in: interval) == interval.duration)
        }
    }

    static let invalidWindows: [(Window, String)] = [
        (Window(hours: "9-17"), #"--active-hours "9-17": "9" is not a time of day; expected 00:00-23:59, or 24:00 as the end"#),
        (Window(hours: "09:00"), #"--active-hours "09:00": expected HH:MM-HH:MM, e.g. 09:00-17:00 or 22:00-06:00 across midnight"#),
        (
            Window(hours: "09:00-17:00-18:00"),
            #"--active-hours "09:00-17:00-18:00": expected HH:MM-HH:MM, e.g. 09:00-17:00 or 22:00-06:00 across midnight"#
        ),
        (
            Window(hours: "25:00-06:00"),
            #"--active-hours "25:00-06:00": "25:00" is not a time of day; expected 00:00-23:59, or 24:00 as the end"#
        ),
        (
            Window(hours: "24:00-06:00"),
            #"--active-hours "24:00-06:00": "24:00" is not a time of day; expected 00:00-23:59, or 24:00 as the end"#
        ),
        (
            Window(hours: "09:00-17:60"),
            #"--active-hours "09:00-17:60": "17:60" is not a time of day; expected 00:00-23:59, or 24:00 as the end"#
        ),
        (
            Window(hours: "09:00-09:00"),
            #"--active-hours "09:00-09:00": start and end are the same; leave --active-hours out to be active all day"#
        ),
        (Window(hours: ""), #"--active-hours "": the value is empty"#),
        (Window(days: "Mon-Fry"), #"--active-days "Mon-Fry": "Fry" is not a weekday; expected e.g. Mon-Fri, Sat,Sun or Fri-Mon"#),
        (Window(days: "Mo"), #"--active-days "Mo": "Mo" is not a weekday; expected e.g. Mon-Fri, Sat,Sun or Fri-Mon"#),
        (
            Window(days: "Mon-Tue-Wed"),
            #"--active-days "Mon-Tue-Wed": "Mon-Tue-Wed" is not a weekday; expected e.g. Mon-Fri, Sat,Sun or Fri-Mon"#
        ),
        (Window(days: "Mon,,Tue"), #"--active-days "Mon,,Tue": the list has an empty item"#),
        (Window(days: " "), #"--active-days " ": the value is empty"#),
        (
            Window(exclude: "2026-02-29"),
            #"--exclude-dates "2026-02-29": "2026-02-29" is not a date; expected e.g. 2026-12-24, 12-25, Jan1 or Dec 31"#
        ),
        (
            Window(exclude: "12-24,13-01"),
            #"--exclude-dates "12-24,13-01": "13-01" is not a date; expected e.g. 2026-12-24, 12-25, Jan1 or Dec 31"#
        ),
        (
            Window(exclude: "Dec 32"),
            #"--exclude-dates "Dec 32": "Dec 32" is not a date; expected e.g. 2026-12-24, 12-25, Jan1 or Dec 31"#
        ),
        (
            Window(exclude: "Feb30"),
            #"--exclude-dates "Feb30": "Feb30" is not a date; expected e.g. 2026-12-24, 12-25, Jan1 or Dec 31"#
        ),
        (
            Window(exclude: "Foo 3"),
            #"--exclude-dates "Foo 3": "Foo 3" is not a date; expected e.g. 2026-12-24, 12-25, Jan1 or Dec 31"#
        ),
        (
            Window(exclude: "12/25"),
            #"--exclude-dates "12/25": "12/25" is not a date; expected e.g. 2026-12-24, 12-25, Jan1 or Dec 31"#
        ),
        (Window(exclude: "2026-12-24,,12-25"), #"--exclude-dates "2026-12-24,,12-25": the list has an empty item"#),
    ]

    @Test("Bad windows name the flag, the value and the token", arguments: invalidWindows)
    func invalid(window: Window, message: String) {
        let error = #expect(throws: ScheduleError.self) { try window.make() }
        #expect(error?.description == message)
    }
}
