import KubeAPI
import KubeTesting
import Testing

@testable import PodChaos

@Suite("Serial kills paced on the clock", .timeLimit(.minutes(1)))
struct KillPlanPauseTests {
    typealias B = CandidateBuilder

    /// Three pods of three owners: the floor lets every one of them go.
    static let plan = KillPlan(
        eligible: (0..<3).map { B.pod("app\($0)-0", owner: B.workload("app\($0)", desired: 3, ready: 3)) }, count: .count(3),
        maxKills: 3, seed: 7)
    static let ledger = KillLedger(rules: SafetyRules(), budgets: .none)

    @Test("--interval spaces serial kills on the clock: they happen at 0, 10 s and 20 s of virtual time")
    func killsAtIntervals() async {
        let clock = SteppingClock()
        let execution = await withTaskGroup { group in
            group.addTask {
                // Each attempt's payload is when it was made.
                await Self.plan.execute(ledger: Self.ledger, interval: .seconds(10), clock: clock) { _ in (.killed, clock.now.offset) }
            }
            for _ in 0..<2 {
                let deadlines = await clock.sleeping { !$0.isEmpty }
                #expect(deadlines.map(\.offset) == [clock.now.offset + .seconds(10)])
                clock.advance(by: .seconds(10))
            }
            return await group.next()
        }
        #expect(execution?.attempts.map(\.payload) == [.zero, .seconds(10), .seconds(20)])
    }

    @Test("An interruption during the pause ends it at once: no further kill starts and no time passes")
    func interruptionEndsPause() async {
        let clock = SteppingClock()
        let interruption = Interruption()
        let execution = await withTaskGroup { group in
            group.addTask {
                await Self.plan.execute(ledger: Self.ledger, interval: .seconds(10), interruption: interruption, clock: clock) { _ in
                    (.killed, ())
                }
            }
            await clock.sleeping(count: 1)
            interruption.raise(Interruption.Cause(name: "SIGINT", signal: 2))
            return await group.next()
        }
        #expect(execution?.attempts.count == 1)
        #expect(clock.now.offset == .zero)
        #expect(clock.sleeperCount == 0, "the pause's sleep is cancelled, not left behind")
    }
}
