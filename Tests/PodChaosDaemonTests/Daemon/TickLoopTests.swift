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
}
