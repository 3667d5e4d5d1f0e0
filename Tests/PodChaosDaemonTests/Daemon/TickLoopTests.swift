import Foundation
import KubeAPI
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// The tick loop on virtual time: the daemon sleeps on its clock until each instant the schedule gives, and the test
/// moves the clock. A tick missed or run early leaves the daemon waiting on a clock that never moves, and the time
/// limit fails the test.
@Suite("The tick loop on the daemon's clock", .timeLimit(.minutes(1)))
struct TickLoopTests {
    @Test("Ticks come at the schedule's instants, every 120 s, until --max-runtime ends the run")
    func ticksAtScheduledInstants() async throws {
        let time = SteppingClock()
        let clock = SteppedDaemonClock(time)
        let start = clock.now()
        let daemon = try await UnreachableCluster.with { client in
            let options = DaemonOptions(
                kill: KillOptions(criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]))), maxRuntime: .seconds(600))
            // Not leading: each tick decides at once, without the cluster.
            let daemon = ChaosDaemon(
                client: client, options: options, schedule: EveryInterval(seconds: 120), window: Always(),
                leadership: ToggledLeadership(leading: false), clock: clock, version: "test")
            async let running: Void = daemon.run()
            for tick in 1...5 {
                let deadlines = await time.sleeping { !$0.isEmpty }
                #expect(deadlines.map(\.offset) == [.seconds(120 * tick)], "tick \(tick)")
                #expect(await daemon.tickNumber == tick - 1, "no tick before its instant")
                time.advance(by: .seconds(120))
            }
            try await running
            return daemon
        }
        #expect(await daemon.tickNumber == 5)
        #expect(await daemon.lastOutcome == .skipped(.notLeader))
        #expect(clock.now().timeIntervalSince(start) == 600, "the run ends at --max-runtime without waiting past it")
    }

    @Test("With --interval 5m --jitter 0.2, each tick follows the one before by 4 to 6 minutes; the hour ends the run")
    func jitteredTicks() async throws {
        let time = SteppingClock()
        let clock = SteppedDaemonClock(time)
        let (daemon, instants) = try await UnreachableCluster.with { client in
            let options = DaemonOptions(
                kill: KillOptions(criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]))), maxRuntime: .seconds(3600))
            let daemon = ChaosDaemon(
                client: client, options: options, schedule: try IntervalSchedule(interval: 300, jitter: 0.2), window: Always(),
                leadership: ToggledLeadership(leading: false), clock: clock, version: "test")
            async let running: Void = daemon.run()
            var instants: [Duration] = []
            // Each sleep is until the next tick, or, once the next tick would fall past it, until --max-runtime.
            while true {
                let deadline = try #require(await time.sleeping { !$0.isEmpty }.first?.offset)
                time.advance(by: deadline - time.now.offset)
                if deadline == .seconds(3600) { break }
                instants.append(deadline)
            }
            try await running
            return (daemon, instants)
        }
        let gaps = zip([Duration.zero] + instants, instants).map { $1 - $0 }
        #expect(gaps.allSatisfy { $0 >= .seconds(240) && $0 <= .seconds(360) }, "\(gaps)")
        #expect(Set(gaps).count > 1, "jittered: \(gaps)")
        #expect(instants.count >= 10 && instants.count <= 15)
        #expect(await daemon.tickNumber == instants.count, "one tick per instant")
    }
}
