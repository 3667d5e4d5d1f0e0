import Foundation
import PodChaos
import Testing

@testable import PodChaosDaemon

@Suite("Kill budgets: caps, cooldown, and never exceeded")
struct KillBudgetTests {
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    @Test("Each cap turns a kill away with its own reason, global first")
    func reasons() {
        var history = KillHistory()
        history.record(owner: "a/Deployment/web", namespace: "a", at: now.addingTimeInterval(-600))
        history.record(owner: "b/Deployment/api", namespace: "b", at: now.addingTimeInterval(-300))
        #expect(
            KillBudget(maxKillsPerHour: 2).rejection(owner: "c/Deployment/x", namespace: "c", history: history, now: now)
                == .maxKillsPerHour)
        #expect(KillBudget(maxKillsPerHour: 3).rejection(owner: "c/Deployment/x", namespace: "c", history: history, now: now) == nil)
        let perNamespace = KillBudget(maxKillsPerNamespacePerHour: 1, minTimeBetweenKillsPerOwner: .zero)
        #expect(
            perNamespace.rejection(owner: "a/Deployment/other", namespace: "a", history: history, now: now) == .maxKillsPerNamespacePerHour)
        #expect(perNamespace.rejection(owner: "c/Deployment/x", namespace: "c", history: history, now: now) == nil)
        let cooldown = KillBudget()
        #expect(cooldown.rejection(owner: "a/Deployment/web", namespace: "a", history: history, now: now) == .ownerCooldown)
        #expect(cooldown.cooldownEnds(owner: "a/Deployment/web", history: history, now: now) == now.addingTimeInterval(3000))
        #expect(cooldown.rejection(owner: "a/Deployment/web", namespace: "a", history: history, now: now.addingTimeInterval(3000)) == nil)
        #expect(KillBudget(maxKillsPerHour: 5).killsLeftThisHour(history: history, now: now) == 3)
        #expect(KillBudget().killsLeftThisHour(history: history, now: now) == nil)
    }

    @Test("The planner reports why nothing was killed")
    func plannerSkips() {
        var generator = SeededGenerator(seed: 1)
        let sure = [EligibleOwner(key: "a/Deployment/web", namespace: "a", probability: 1)]
        let never = [EligibleOwner(key: "a/Deployment/web", namespace: "a", probability: 0)]
        func decide(_ owners: [EligibleOwner], _ budget: KillBudget, _ history: KillHistory = KillHistory()) -> TickPlanner.Decision {
            TickPlanner.decide(owners: owners, budget: budget, history: history, now: now, maxKills: 1, generator: &generator)
        }
        #expect(decide([], KillBudget()) == .skip(.noEligiblePods))
        #expect(decide(never, KillBudget()) == .skip(.mtbfNotDue))
        #expect(decide(sure, KillBudget()) == .kill(sure))
        #expect(decide(sure, KillBudget(maxKillsPerHour: 0)) == .skip(.maxKillsPerHour))
        var history = KillHistory()
        history.record(owner: "a/Deployment/web", namespace: "a", at: now)
        #expect(decide(sure, KillBudget(), history) == .skip(.ownerCooldown))
    }

    @Test("A held owner is passed over when drawn: another drawn owner is killed instead, or the tick skips impact_cooldown")
    func plannerPassesOverHeldOwners() {
        var generator = SeededGenerator(seed: 1)
        let web = EligibleOwner(key: "a/Deployment/web", namespace: "a", probability: 1)
        let api = EligibleOwner(key: "a/Deployment/api", namespace: "a", probability: 1)
        var history = KillHistory()
        history.hold(owner: web.key, ImpactHold(killId: "01KILL", reason: "aborted", since: now))
        func decide(_ owners: [EligibleOwner], maxKills: Int = 2) -> TickPlanner.Decision {
            TickPlanner.decide(owners: owners, budget: KillBudget(), history: history, now: now, maxKills: maxKills, generator: &generator)
        }
        #expect(decide([web]) == .skip(.impactCooldown))
        #expect(decide([web, api]) == .kill([api]))
        #expect(decide([web, api], maxKills: 1) == .kill([api]))
        #expect(decide([EligibleOwner(key: web.key, namespace: "a", probability: 0)]) == .skip(.mtbfNotDue))
    }

    @Test("Two owners drawn in one tick cannot both take the last kill of the hour")
    func withinOneTick() {
        var generator = SeededGenerator(seed: 7)
        let owners = (0..<5).map { EligibleOwner(key: "a/Deployment/w\($0)", namespace: "a", probability: 1) }
        let decision = TickPlanner.decide(
            owners: owners, budget: KillBudget(maxKillsPerHour: 2), history: KillHistory(), now: now, maxKills: 5, generator: &generator)
        guard case .kill(let chosen) = decision else {
            Issue.record("expected kills, got \(decision)")
            return
        }
        #expect(chosen.count == 2)
    }

    @Test("Budgets are never exceeded over random caps, owners and clocks, across restarts", arguments: UInt64(0)..<50)
    func neverExceeded(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &* 2_654_435_761)
        func maybe(_ bound: Int) -> Int? { random.below(3) == 0 ? nil : random.below(bound) }
        let budget = KillBudget(
            maxKillsPerHour: maybe(8), maxKillsPerNamespacePerHour: maybe(4),
            minTimeBetweenKillsPerOwner: .seconds(random.below(3) * 1800 + random.below(600)))
        let namespaces = ["a", "b", "c"]
        let owners = (0..<(1 + random.below(10))).map { index in
            EligibleOwner(key: "ns/Deployment/w\(index)", namespace: namespaces[random.below(namespaces.count)], probability: 0)
        }
        var history = KillHistory()
        var kills: [(owner: String, namespace: String, at: Date)] = []
        var clock = now
        for _ in 0..<400 {
            clock = clock.addingTimeInterval(Double(random.below(1200)) + TickPlanner.uniform(&random))
            // Restarts and failovers: the history goes through its persisted form, sometimes pruned first.
            if random.below(8) == 0 { history.prune(now: clock, ownerRetention: budget.minTimeBetweenKillsPerOwner.seconds) }
            if random.below(8) == 0 { history = try KillHistory(decoding: history.encoded()) }
            let eligible = owners.filter { _ in random.below(4) != 0 }.map { owner in
                var drawn = owner
                drawn.probability = random.below(2) == 0 ? 1 : TickPlanner.uniform(&random)
                return drawn
            }
            let decision = TickPlanner.decide(
                owners: eligible, budget: budget, history: history, now: clock, maxKills: 1 + random.below(4), generator: &random)
            if case .kill(let chosen) = decision {
                for owner in chosen {
                    history.record(owner: owner.key, namespace: owner.namespace, at: clock)
                    kills.append((owner.key, owner.namespace, clock))
                }
            }
        }
        #expect(!kills.isEmpty || budget.maxKillsPerHour == 0 || budget.maxKillsPerNamespacePerHour == 0)
        let slack = 0.001  // persisted times are rounded to what a Double of Unix seconds holds
        for kill in kills {
            let hour = kills.filter { kill.at.timeIntervalSince($0.at) >= -slack && kill.at.timeIntervalSince($0.at) < 3600 - slack }
            if let cap = budget.maxKillsPerHour { #expect(hour.count <= cap, "seed \(seed): \(hour.count) kills in an hour, cap \(cap)") }
            if let cap = budget.maxKillsPerNamespacePerHour {
                let inNamespace = hour.filter { $0.namespace == kill.namespace }.count
                #expect(inNamespace <= cap, "seed \(seed): \(inNamespace) kills in \(kill.namespace) in an hour, cap \(cap)")
            }
        }
        for owner in Set(kills.map(\.owner)) {
            let times = kills.filter { $0.owner == owner }.map(\.at)
            for (earlier, later) in zip(times, times.dropFirst()) {
                #expect(later.timeIntervalSince(earlier) >= budget.minTimeBetweenKillsPerOwner.seconds - slack, "seed \(seed): \(owner)")
            }
        }
    }
}
