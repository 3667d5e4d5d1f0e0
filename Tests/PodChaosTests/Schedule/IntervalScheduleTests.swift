import Foundation
import Testing

@testable import PodChaos

@Suite("Interval schedules and jitter")
struct IntervalScheduleTests {
    private static let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test(
        "The delay is interval × (1 + jitter × (2·random − 1))",
        arguments: [
            (600.0, 0.0, 0.0, 600.0), (600, 0, 0.5, 600), (600, 0, 0.999_999, 600),
            (600, 0.1, 0.0, 540), (600, 0.1, 0.5, 600), (600, 0.1, 0.75, 630), (600, 0.1, 0.999_999, 659.999_88),
            (3600, 0.5, 0.0, 1800), (3600, 0.5, 0.25, 2700), (0.25, 0.2, 0.0, 0.2),
        ])
    func delay(interval: TimeInterval, jitter: Double, random: Double, expected: TimeInterval) throws {
        let schedule = try IntervalSchedule(interval: interval, jitter: jitter)
        let next = try #require(schedule.next(after: Self.start, random: random))
        #expect(abs(next.timeIntervalSince(Self.start) - expected) < 1e-6)
    }

    @Test("The largest draw reaches interval × (1 + jitter), give or take rounding, and not beyond", arguments: [0.1, 0.5, 0.99])
    func upperBound(jitter: Double) throws {
        let schedule = try IntervalSchedule(interval: 600, jitter: jitter)
        let delay = try #require(schedule.next(after: Self.start, random: 1.0.nextDown)).timeIntervalSince(Self.start)
        #expect(delay <= 600 * (1 + jitter))
        #expect(delay > 600 * (1 + jitter) - 1e-3)
    }

    @Test("A seeded stream of draws stays within the bounds and spreads over them", arguments: [0.0, 0.1, 0.3, 0.9])
    func seededStream(jitter: Double) throws {
        let interval: TimeInterval = 300
        let schedule = try IntervalSchedule(interval: interval, jitter: jitter)
        var generator = SeededGenerator(seed: 20_261_225)
        var delays: [TimeInterval] = []
        var cursor = Self.start
        for _ in 0..<10_000 {
            let next = try #require(schedule.next(after: cursor, random: Double.random(in: 0..<1, using: &generator)))
            delays.append(next.timeIntervalSince(cursor))
            cursor = next
        }
        let low = interval * (1 - jitter)
        let high = interval * (1 + jitter)
        // A Date keeps about 0.1 µs at this epoch: allow that much rounding on each side.
        #expect(delays.allSatisfy { $0 >= low - 1e-6 && $0 <= high + 1e-6 })
        let mean = delays.reduce(0, +) / Double(delays.count)
        #expect(abs(mean - interval) < interval * 0.01)
        if jitter > 0 {
            #expect(delays.min()! < low + (high - low) * 0.01)
            #expect(delays.max()! > high - (high - low) * 0.01)
        }
    }

    @Test("Draws outside 0..<1 are clamped into the bounds", arguments: [-1.0, 1.0, 7.5, .nan, .infinity, -.infinity])
    func strayDraws(random: Double) throws {
        let schedule = try IntervalSchedule(interval: 100, jitter: 0.2)
        let delay = try #require(schedule.next(after: Self.start, random: random)).timeIntervalSince(Self.start)
        #expect(delay >= 80 - 1e-6 && delay < 120 + 1e-6)
    }

    @Test("A tick always comes strictly after, however small the interval")
    func strictlyAfter() throws {
        let schedule = try IntervalSchedule(interval: 1e-12, jitter: 0.5)
        let next = try #require(schedule.next(after: Self.start, random: 0))
        #expect(next > Self.start)
    }

    @Test(
        "Bad intervals name the flag and value",
        arguments: [
            (0.0, "--interval 0s: the interval must be a positive duration"),
            (-30, "--interval -30s: the interval must be a positive duration"),
            (.nan, "--interval nan: the interval must be a positive duration"),
            (.infinity, "--interval inf: the interval must be a positive duration"),
        ])
    func badInterval(interval: TimeInterval, message: String) {
        let error = #expect(throws: ScheduleError.self) { try IntervalSchedule(interval: interval, jitter: 0) }
        #expect(error?.description == message)
        #expect(error?.flag == "--interval")
    }

    @Test("Bad jitter names the flag and value", arguments: [-0.1, 1.0, 1.5, .nan])
    func badJitter(jitter: Double) {
        let error = #expect(throws: ScheduleError.self) { try IntervalSchedule(interval: 60, jitter: jitter) }
        #expect(
            error?.description
                == "--jitter \(jitter): jitter must be a fraction in 0..<1 (0.1 spreads ticks by ±10% of the interval)")
    }

    @Test("Descriptions read like the flags", arguments: [(300.0, 0.0, "every 5m"), (5400, 0.1, "every 1h30m ±10%")])
    func descriptions(interval: TimeInterval, jitter: Double, text: String) throws {
        #expect(try IntervalSchedule(interval: interval, jitter: jitter).description == text)
    }
}
