import Foundation
import PodChaos
import Testing

@testable import PodChaosDaemon

@Suite("MTBF: annotation, probability, and a simulated month")
struct MTBFTests {
    func owner(_ annotations: [String: String]) -> Workload {
        Workload(kind: "Deployment", name: "web", namespace: "demo", uid: "u1", annotations: annotations)
    }

    @Test("The annotation wins; without it --default-mtbf applies; without both, and with a typo, the owner is left alone")
    func rule() {
        let none = MTBFRule()
        #expect(none.mtbf(for: owner([PodChaosKeys.mtbf: "2d"])) == .success(.seconds(172_800)))
        #expect(none.mtbf(for: owner([:])) == .failure(.unannotated))
        #expect(none.mtbf(for: owner([PodChaosKeys.mtbf: "two days"])) == .failure(.invalid("two days")))
        let fallback = MTBFRule(defaultMTBF: .seconds(3600))
        #expect(fallback.mtbf(for: owner([:])) == .success(.seconds(3600)))
        #expect(fallback.mtbf(for: owner([PodChaosKeys.mtbf: "bogus"])) == .failure(.invalid("bogus")))
    }

    @Test("p = 1 − exp(−elapsed/mtbf)")
    func probability() {
        #expect(abs(MTBFRule.probability(activeElapsed: 86_400, mtbf: .seconds(86_400)) - (1 - exp(-1))) < 1e-12)
        #expect(MTBFRule.probability(activeElapsed: 0, mtbf: .seconds(60)) == 0)
        #expect(MTBFRule.probability(activeElapsed: 60, mtbf: .zero) == 1)
        let small = MTBFRule.probability(activeElapsed: 600, mtbf: .seconds(172_800))
        #expect(abs(small - 600.0 / 172_800) < 1e-5)
    }

    @Test("The meter counts active time since the previous tick, and one period before the first")
    func meter() {
        let schedule = EveryInterval(seconds: 600)
        let window = WorkHours()
        var meter = ActiveTimeMeter()
        let monday10 = WorkHours.monday.addingTimeInterval(10 * 3600)
        #expect(meter.elapsed(at: monday10, schedule: schedule, window: window) == 600)
        #expect(meter.elapsed(at: monday10.addingTimeInterval(7 * 3600 + 300), schedule: schedule, window: window) == 7 * 3600)
        #expect(meter.elapsed(at: monday10.addingTimeInterval(24 * 3600), schedule: schedule, window: window) == 3600)
    }

    @Test("A month of ticks kills each owner about once per MTBF of active time (fixed seed)")
    func month() {
        let schedule = EveryInterval(seconds: 600)
        let window = WorkHours()
        let mtbf = Duration.seconds(12 * 3600)
        let owners = (0..<100).map { "demo/Deployment/w\($0)" }
        var generator = SeededGenerator(seed: 20_261_125)
        var meter = ActiveTimeMeter()
        var history = KillHistory()
        let budget = KillBudget(minTimeBetweenKillsPerOwner: .zero)
        var tick = WorkHours.monday
        let end = tick.addingTimeInterval(30 * 86_400)
        var kills = 0
        var expected = 0.0
        while let next = schedule.next(after: tick, random: 0), next < end {
            tick = next
            let elapsed = meter.elapsed(at: tick, schedule: schedule, window: window)
            guard window.isActive(at: tick) else { continue }
            let p = MTBFRule.probability(activeElapsed: elapsed, mtbf: mtbf)
            expected += p * Double(owners.count)
            let eligible = owners.map { EligibleOwner(key: $0, namespace: "demo", probability: p) }
            if case .kill(let chosen) = TickPlanner.decide(
                owners: eligible, budget: budget, history: history, now: tick, maxKills: 1000, generator: &generator)
            {
                kills += chosen.count
                for owner in chosen { history.record(owner: owner.key, namespace: "demo", at: tick) }
            }
            history.prune(now: tick, ownerRetention: 0)
        }
        let activeTime = window.activeDuration(in: DateInterval(start: WorkHours.monday, end: end))
        let nominal = activeTime / mtbf.seconds * Double(owners.count)
        // 22 working days of 8 h: 176 h, so ~1,467 kills; the sum of the per-tick probabilities is within a few per
        // cent of that (ticks at 17:00 are outside the window), and the count within 10 % (about 4 standard deviations).
        #expect(abs(nominal - 1466.7) < 1)
        #expect(abs(expected - nominal) / nominal < 0.05)
        #expect(abs(Double(kills) - expected) / expected < 0.10, "killed \(kills), expected \(expected)")
    }
}

/// Weekdays 09:00–17:00 UTC, for tests.
struct WorkHours: ActivityWindow {
    /// Monday 2026-11-02 00:00 UTC.
    static let monday = Date(timeIntervalSince1970: 1_793_577_600)

    func isActive(at date: Date) -> Bool {
        let seconds = date.timeIntervalSince(Self.monday)
        let day = Int((seconds / 86_400).rounded(.down))
        let weekday = ((day % 7) + 7) % 7
        let hour = (seconds - Double(day) * 86_400) / 3600
        return weekday < 5 && hour >= 9 && hour < 17
    }

    func activeDuration(in interval: DateInterval) -> TimeInterval {
        // Minute steps are exact here: every boundary of this window falls on a whole minute.
        var total = 0.0
        var cursor = interval.start
        while cursor < interval.end {
            let step = min(60 - cursor.timeIntervalSince1970.truncatingRemainder(dividingBy: 60), interval.end.timeIntervalSince(cursor))
            if isActive(at: cursor) { total += step }
            cursor = cursor.addingTimeInterval(step)
        }
        return total
    }
}

/// Ticks every `seconds`, for tests.
struct EveryInterval: TickSchedule {
    let seconds: TimeInterval
    func next(after date: Date, random: Double) -> Date? { date.addingTimeInterval(seconds) }
}
