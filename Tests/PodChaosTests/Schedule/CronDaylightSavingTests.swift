import Foundation
import Testing

@testable import PodChaos

/// Berlin springs forward 2026-03-29 02:00 → 03:00 and falls back 2026-10-25 03:00 → 02:00; New York springs forward
/// 2026-03-08 02:00 → 03:00 and falls back 2026-11-01 02:00 → 01:00; Lord Howe moves by half an hour (2026-04-05
/// 02:00 → 01:30, 2026-10-04 02:00 → 02:30).
@Suite("Cron schedules: daylight saving time")
struct CronDaylightSavingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let zone: String
        let expression: String
        let from: String
        let to: String
        let ticks: [String]
        var testDescription: String { "\(expression) in \(zone) from \(from)" }
    }

    @Test(
        "A skipped local time fires once at the end of the gap; a repeated one once, at its first occurrence",
        arguments: [
            Case(
                zone: "Europe/Berlin", expression: "30 2 * * *", from: "2026-03-28T00:00:00+01:00", to: "2026-03-31T00:00:00+02:00",
                ticks: ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"]),
            Case(
                zone: "America/New_York", expression: "30 2 * * *", from: "2026-03-07T00:00:00-05:00",
                to: "2026-03-10T00:00:00-04:00",
                ticks: ["2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]),
            Case(
                zone: "Australia/Lord_Howe", expression: "15 2 * * *", from: "2026-10-03T00:00:00+10:30",
                to: "2026-10-06T00:00:00+11:00",
                ticks: ["2026-10-03T02:15:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"]),
            Case(
                zone: "Europe/Berlin", expression: "30 2 * * *", from: "2026-10-24T00:00:00+02:00", to: "2026-10-27T00:00:00+01:00",
                ticks: ["2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"]),
            Case(
                zone: "America/New_York", expression: "30 1 * * *", from: "2026-10-31T00:00:00-04:00",
                to: "2026-11-03T00:00:00-05:00",
                ticks: ["2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]),
            Case(
                zone: "Australia/Lord_Howe", expression: "45 1 * * *", from: "2026-04-04T00:00:00+11:00",
                to: "2026-04-07T00:00:00+10:30",
                ticks: ["2026-04-04T01:45:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"]),
            // Through the gap every 15 minutes: 02:00-02:45 do not exist and collapse into the 03:00 tick.
            Case(
                zone: "Europe/Berlin", expression: "*/15 * * * *", from: "2026-03-29T01:30:00+01:00",
                to: "2026-03-29T03:31:00+02:00",
                ticks: [
                    "2026-03-29T01:30:00+01:00", "2026-03-29T01:45:00+01:00", "2026-03-29T03:00:00+02:00",
                    "2026-03-29T03:15:00+02:00", "2026-03-29T03:30:00+02:00",
                ]),
            Case(
                zone: "America/New_York", expression: "*/15 * * * *", from: "2026-03-08T01:30:00-05:00",
                to: "2026-03-08T03:31:00-04:00",
                ticks: [
                    "2026-03-08T01:30:00-05:00", "2026-03-08T01:45:00-05:00", "2026-03-08T03:00:00-04:00",
                    "2026-03-08T03:15:00-04:00", "2026-03-08T03:30:00-04:00",
                ]),
            // Through the repeated hour: its second pass is silent.
            Case(
                zone: "Europe/Berlin", expression: "*/15 * * * *", from: "2026-10-25T02:30:00+02:00",
                to: "2026-10-25T03:16:00+01:00",
                ticks: [
                    "2026-10-25T02:30:00+02:00", "2026-10-25T02:45:00+02:00", "2026-10-25T03:00:00+01:00",
                    "2026-10-25T03:15:00+01:00",
                ]),
            // Hourly across the fall-back: two hours between 02:00 (first) and 03:00.
            Case(
                zone: "Europe/Berlin", expression: "0 * * * *", from: "2026-10-25T00:30:00+02:00", to: "2026-10-25T04:30:00+01:00",
                ticks: [
                    "2026-10-25T01:00:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T03:00:00+01:00",
                    "2026-10-25T04:00:00+01:00",
                ]),
            Case(
                zone: "America/New_York", expression: "@hourly", from: "2026-11-01T00:00:00-04:00", to: "2026-11-01T03:30:00-05:00",
                ticks: [
                    "2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T02:00:00-05:00",
                    "2026-11-01T03:00:00-05:00",
                ]),
            Case(
                zone: "Europe/Berlin", expression: "0 * * * *", from: "2026-03-29T00:30:00+01:00", to: "2026-03-29T04:30:00+02:00",
                ticks: ["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"]),
        ])
    func exactInstants(_ test: Case) throws {
        let zone = ScheduleClock.zone(test.zone)
        let schedule = try CronSchedule(expression: test.expression, timeZone: zone)
        let ticks = ScheduleClock.ticks(of: schedule, from: ScheduleClock.date(test.from), to: ScheduleClock.date(test.to))
        #expect(ticks.map { ScheduleClock.render($0, in: zone) } == test.ticks)
    }

    @Test(
        "Fires per local day on the days the clocks change",
        arguments: [
            ("Europe/Berlin", "*/15 * * * *", "2026-03-29", 92),
            ("Europe/Berlin", "*/15 * * * *", "2026-10-25", 96),
            ("Europe/Berlin", "0 * * * *", "2026-03-29", 23),
            ("Europe/Berlin", "0 * * * *", "2026-10-25", 24),
            ("Europe/Berlin", "30 2 * * *", "2026-03-29", 1),
            ("Europe/Berlin", "30 2 * * *", "2026-10-25", 1),
            ("America/New_York", "*/15 * * * *", "2026-03-08", 92),
            ("America/New_York", "*/15 * * * *", "2026-11-01", 96),
            ("America/New_York", "0 * * * *", "2026-03-08", 23),
            ("America/New_York", "0 * * * *", "2026-11-01", 24),
            ("America/New_York", "30 2 * * *", "2026-03-08", 1),
            ("America/New_York", "30 1 * * *", "2026-11-01", 1),
        ])
    func countsOnChangeDays(zone identifier: String, expression: String, day: String, count: Int) throws {
        let zone = ScheduleClock.zone(identifier)
        let schedule = try CronSchedule(expression: expression, timeZone: zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.startOfDay(for: ScheduleClock.date("\(day)T12:00:00Z"))
        let ticks = ScheduleClock.ticks(of: schedule, from: start.addingTimeInterval(-86_400), to: start.addingTimeInterval(2 * 86_400))
        #expect(ScheduleClock.countsPerLocalDay(ticks, in: zone)[day] == count)
    }

    @Test(
        "A daily time in the changing hour fires exactly once on every local day of the year",
        arguments: [
            ("Europe/Berlin", "0 2 * * *"), ("Europe/Berlin", "30 2 * * *"), ("Europe/Berlin", "59 2 * * *"),
            ("America/New_York", "30 1 * * *"), ("America/New_York", "30 2 * * *"),
            ("Australia/Lord_Howe", "15 2 * * *"), ("Australia/Lord_Howe", "45 1 * * *"),
        ])
    func oncePerDayAllYear(zone identifier: String, expression: String) throws {
        let zone = ScheduleClock.zone(identifier)
        let schedule = try CronSchedule(expression: expression, timeZone: zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.startOfDay(for: ScheduleClock.date("2026-01-01T12:00:00Z"))
        let end = calendar.startOfDay(for: ScheduleClock.date("2027-01-01T12:00:00Z"))
        let counts = ScheduleClock.countsPerLocalDay(ScheduleClock.ticks(of: schedule, from: start, to: end), in: zone)
        #expect(counts.count == 365)
        #expect(counts.values.allSatisfy { $0 == 1 })
    }

    @Test("Hourly over a year in Berlin: 24 fires every local day but the spring-forward one, which has 23")
    func hourlyAllYear() throws {
        let zone = ScheduleClock.zone("Europe/Berlin")
        let schedule = try CronSchedule(expression: "@hourly", timeZone: zone)
        let ticks = ScheduleClock.ticks(
            of: schedule, from: ScheduleClock.date("2026-01-01T00:00:00+01:00"), to: ScheduleClock.date("2027-01-01T00:00:00+01:00"))
        let counts = ScheduleClock.countsPerLocalDay(ticks, in: zone)
        #expect(counts.count == 365)
        #expect(counts.filter { $0.value != 24 } == ["2026-03-29": 23])
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("Asked from inside the repeated hour, a time already fired that day waits for the next day")
    func insideRepeatedHour() throws {
        let zone = ScheduleClock.zone("Europe/Berlin")
        let schedule = try CronSchedule(expression: "30 2 * * *", timeZone: zone)
        // 02:15 on the second pass (CET): 02:30 already fired 45 minutes earlier, at 02:30 CEST.
        let next = schedule.next(after: ScheduleClock.date("2026-10-25T02:15:00+01:00"), random: 0)
        #expect(next.map { ScheduleClock.render($0, in: zone) } == "2026-10-26T02:30:00+01:00")
    }
}
