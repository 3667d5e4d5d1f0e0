import Foundation
import KubeAPI
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// `run --once` waits for leadership to be known before its tick, at most `leadershipTimeout` on the daemon's clock.
/// Time is virtual: a missed event leaves the daemon waiting on a clock that never moves, and the time limit fails
/// the test.
@Suite("run --once waits for leadership, on the daemon's clock", .timeLimit(.minutes(1)))
struct OnceLeadershipTests {
    static let leadershipTimeout = Duration.seconds(30)

    /// Runs a `--once` daemon over `leadership` and `clock` to its end, against no cluster (the tick never plans: this
    /// instance does not lead). `whileRunning` steps the clock.
    static func runOnce(
        leadership: any Leadership, clock: SteppedDaemonClock, log: LogCapture, whileRunning: @Sendable () async -> Void
    ) async throws -> ChaosDaemon {
        try await UnreachableCluster.with { client in
            var options = DaemonOptions(
                kill: KillOptions(criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]))), once: true)
            options.leadershipTimeout = leadershipTimeout
            let daemon = ChaosDaemon(
                client: client, options: options, schedule: EveryInterval(seconds: 300), window: Always(), leadership: leadership,
                clock: clock, version: "test", logger: log.logger)
            async let running: Void = daemon.run()
            await whileRunning()
            try await running
            return daemon
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        /// When the Lease is first read.
        var knownAfter: Duration
        /// How far the clock moves before the run ends.
        var elapsed: Duration
        var outcome: ChaosDaemon.TickOutcome
        var unknownLogged: Bool
    }

    @Test(
        "The tick runs as soon as leadership is known, or is an API error once --leadership-timeout has passed",
        .timeLimit(.minutes(1)),
        arguments: [
            Case(
                testDescription: "known after 10 s: the tick runs then (not leading: skipped)", knownAfter: .seconds(10),
                elapsed: .seconds(10), outcome: .skipped(.notLeader), unknownLogged: false),
            Case(
                testDescription: "still unknown after 30 s: the tick is an API error", knownAfter: .seconds(3600),
                elapsed: leadershipTimeout, outcome: .skipped(.apiError), unknownLogged: true),
        ])
    func waitForLeadership(_ scenario: Case) async throws {
        let time = SteppingClock()
        let log = LogCapture()
        let daemon = try await Self.runOnce(
            leadership: LateLeadership(time, knownAfter: scenario.knownAfter), clock: SteppedDaemonClock(time), log: log
        ) {
            // The wait for leadership and its timeout are both sleeping on the clock.
            await time.sleeping(count: 2)
            time.advance(by: scenario.elapsed)
        }
        #expect(await daemon.lastOutcome == scenario.outcome)
        #expect(await daemon.tickNumber == 1)
        #expect(time.now.offset == scenario.elapsed)
        #expect(time.sleeperCount == 0, "nothing is left waiting")
        let unknown = "leadership still unknown after 30.0 seconds: the Lease could not be read or written"
        #expect(log.text.contains(unknown) == scenario.unknownLogged)
    }
}
