import Foundation

@testable import PodChaos

/// Instants written and read as ISO 8601 with the zone's offset, so a test states the exact instant and the local
/// wall time at once: `2026-03-29T03:00:00+02:00`. Uses Foundation's formatter, independent of the code under test.
enum ScheduleClock {
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { preconditionFailure("bad test instant \(text)") }
        return date
    }

    static func render(_ date: Date, in zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        return formatter.string(from: date)
    }

    static func zone(_ identifier: String) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else { preconditionFailure("unknown test zone \(identifier)") }
        return zone
    }

    /// Every tick in `[start, end)`.
    static func ticks(of schedule: some TickSchedule, from start: Date, to end: Date, random: Double = 0.5) -> [Date] {
        var ticks: [Date] = []
        var cursor = start.addingTimeInterval(-0.001)
        while let next = schedule.next(after: cursor, random: random), next < end {
            ticks.append(next)
            cursor = next
        }
        return ticks
    }

    /// Ticks per local calendar day, keyed `yyyy-MM-dd`.
    static func countsPerLocalDay(_ ticks: [Date], in zone: TimeZone) -> [String: Int] {
        ticks.reduce(into: [:]) { counts, tick in counts[String(render(tick, in: zone).prefix(10)), default: 0] += 1 }
    }
}
