import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Logging
import PodChaos
import Testing

@testable import PodChaosDaemon

extension DaemonFaultMatrixTests {
    static let longRunTicks = 10_000

    /// Warnings and above only: at info, each of the 10,000 ticks logs a line of its own.
    static var quietLogger: Logger {
        var logger = Logger(label: "podchaosmonkey.daemon")
        logger.logLevel = .warning
        return logger
    }

    @Test("10,000 ticks under a fault loop: what the daemon holds stays bounded", .timeLimit(.minutes(2)))
    func longRunUnderFaults() async throws {
        let fastRetries = ClientOptions(qps: 0, retry: RetryPolicy(initialDelay: .milliseconds(1), maxDelay: .milliseconds(1)))
        try await DaemonSandbox.with(clientOptions: fastRetries) { cluster in
            try await cluster.deployment("web", replicas: 3)
            // Faults all along: half the LISTs answer 503, every pod watch is cut after two events, and a fifth of the
            // pod watches answer 410 Expired, so the reflector resumes and relists over and over.
            for rule in [
                FaultRule(verb: "list", path: try #require(PathPattern("/**")), probability: 0.5, action: .status(.init(code: 503))),
                FaultRule(verb: "watch", path: try #require(PathPattern(Self.pods)), action: .cutWatchAfterEvents(2)),
                FaultRule(verb: "watch", path: try #require(PathPattern(Self.pods)), probability: 0.2, action: .expireNextWatch),
            ] {
                await cluster.sandbox.addFault(rule)
            }
            let notifier = RecordingNotifier()
            // At most one kill every 8 hours of virtual time, each observed to its verdict; while one is, the ticks
            // skip (recovery_pending) as fast as they run, so how many kills there are depends on the machine.
            let daemon = cluster.daemon(
                leadership: ToggledLeadership(), notifier: notifier, clock: VirtualClock(),
                budget: KillBudget(maxKillsPerHour: 1, minTimeBetweenKillsPerOwner: .seconds(8 * 3600)),
                maxRuntime: .seconds(Double(Self.longRunTicks) * 60), schedule: EveryInterval(seconds: 60),
                logger: Self.quietLogger)
            try await daemon.run()

            #expect(await daemon.tickNumber == Self.longRunTicks)
            let killed = notifier.killed
            #expect(!killed.isEmpty, "kills went on under the faults")
            #expect(Set(killed.compactMap(\.pod.uid)).count == killed.count, "no pod killed twice")
            // The kill history keeps the last kill per owner and the last hour's kills, not every kill.
            let history = await daemon.history
            #expect(history.lastKill.count <= 1)
            #expect(history.recentKills.values.map(\.count).reduce(0, +) <= 1)
            #expect(await daemon.pendingKills.isEmpty)
            #expect(await daemon.inFlight == nil)
            // The watches hold the objects there are, and no subscription of a finished recovery observation.
            let held = try #require(await daemon.cache?.held())
            let subscribers = held.values.map(\.subscribers).reduce(0, +)
            #expect(subscribers == 0, "\(held)")
            #expect(held.values.map(\.objects).reduce(0, +) <= 12, "\(held)")
        }
    }
}
