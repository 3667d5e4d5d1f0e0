import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// What the daemon costs the API server, counted from the sandbox's request log: its watch cache lists once per kind
/// and then only watches, so a tick sends nothing but its kill.
@Suite("Requests the daemon makes", .dedicatedThreads)
struct DaemonRequestBudgetTests {
    @Test("100 ticks: one LIST per watched kind in all, no GET but each kill's check of its victim, recovery observed through the cache")
    func hundredTicks() async throws {
        try await DaemonSandbox.with { cluster in
            for index in 0..<3 { try await cluster.deployment("web-\(index)", replicas: 2) }
            let before = await cluster.sandbox.faults.requests.count
            let notifier = RecordingNotifier()
            let daemon = cluster.daemon(
                leadership: ToggledLeadership(), notifier: notifier, clock: VirtualClock(),
                budget: KillBudget(minTimeBetweenKillsPerOwner: .zero), maxRuntime: .seconds(100 * 120),
                schedule: EveryInterval(seconds: 120))
            try await daemon.run()
            let served = Array(await cluster.sandbox.faults.requests.dropFirst(before))
            let ticks = await daemon.tickNumber
            #expect(ticks >= 99)
            let kills = notifier.killed.count
            #expect(kills >= 1)

            let lists = served.filter { $0.verb == "list" }.map { $0.path.split(separator: "?").first.map(String.init) ?? "" }
            #expect(lists.count == 10, "one LIST per cached kind, none per tick or per recovery: \(lists)")
            #expect(Set(lists).count == 10)
            let gets = served.filter { $0.verb == "get" }
            #expect(gets.count == kills, "one GET per kill, of its victim: \(gets.map(\.path))")
            #expect(gets.allSatisfy { $0.path.hasPrefix("/api/v1/namespaces/demo/pods/") })
            let deletes = served.filter { $0.verb == "delete" }
            #expect(deletes.count == kills)
            // Killed and Recovered Events, and the dry-run permission check of each kill.
            #expect(served.filter { $0.verb == "create" }.count <= 3 * kills)
        }
    }
}
