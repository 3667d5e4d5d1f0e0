import Foundation
import PodChaos
import Testing

@testable import PodChaosDaemon

@Suite("Kill history: counting, pruning, persistence")
struct KillHistoryTests {
    let start = Date(timeIntervalSince1970: 1_764_000_000)

    @Test("Counts kills of the last hour, globally and per namespace")
    func counts() {
        var history = KillHistory()
        history.record(owner: "a/Deployment/web", namespace: "a", at: start)
        history.record(owner: "b/Deployment/api", namespace: "b", at: start.addingTimeInterval(1800))
        history.record(owner: "a/Deployment/web", namespace: "a", at: start.addingTimeInterval(3000))
        let now = start.addingTimeInterval(3600)
        // The first kill is exactly an hour old: out of the window.
        #expect(history.killsInLastHour(now: now) == 2)
        #expect(history.killsInLastHour(namespace: "a", now: now) == 1)
        #expect(history.killsInLastHour(namespace: "c", now: now) == 0)
        #expect(history.lastKill(of: "a/Deployment/web") == start.addingTimeInterval(3000))
    }

    @Test("Pruning drops what no budget looks at and keeps the rest")
    func prune() {
        var history = KillHistory()
        history.record(owner: "a/Deployment/old", namespace: "a", at: start)
        history.record(owner: "a/Deployment/new", namespace: "a", at: start.addingTimeInterval(7000))
        history.prune(now: start.addingTimeInterval(7200), ownerRetention: 3600)
        #expect(history.lastKill(of: "a/Deployment/old") == nil)
        #expect(history.lastKill(of: "a/Deployment/new") != nil)
        #expect(history.recentKills["a"]?.count == 1)
        history.prune(now: start.addingTimeInterval(20_000), ownerRetention: 3600)
        #expect(history == KillHistory())
    }

    @Test("Round-trips through compact JSON, and bad JSON is a clear error")
    func persistence() throws {
        var history = KillHistory()
        history.record(owner: "demo/Deployment/web", namespace: "demo", at: start.addingTimeInterval(0.25))
        let text = history.encoded()
        #expect(!text.contains("\n"))
        #expect(text.contains(#""owners":{"demo/Deployment/web":1764000000.25}"#))
        #expect(try KillHistory(decoding: text) == history)
        #expect(throws: KillHistoryError.self) { try KillHistory(decoding: "not json") }
        let empty = try KillHistory(decoding: #"{"namespaces":{},"owners":{}}"#)
        #expect(empty == KillHistory())
    }

    @Test("Merging counts a kill both sides know once, and keeps the later kill of an owner")
    func merge() {
        var leader = KillHistory()
        leader.record(owner: "a/Deployment/web", namespace: "a", at: start)
        var lease = leader
        lease.record(owner: "a/Deployment/web", namespace: "a", at: start.addingTimeInterval(60))
        let merged = leader.merging(lease)
        #expect(merged.killsInLastHour(now: start.addingTimeInterval(120)) == 2)
        #expect(merged.lastKill(of: "a/Deployment/web") == start.addingTimeInterval(60))
    }

    @Test("An impact hold round-trips with the history, is never pruned, and the later of two holds survives a merge")
    func impactHolds() throws {
        var history = KillHistory()
        let hold = ImpactHold(killId: "01FIRST", reason: "aborted: probe web: success ratio 0.5", since: start)
        history.hold(owner: "demo/Deployment/web", hold)
        let text = history.encoded()
        #expect(text.contains(#""impact":{"demo/Deployment/web":{"#))
        #expect(try KillHistory(decoding: text) == history)
        #expect(!KillHistory().encoded().contains("impact"), "no key while nobody is held")
        history.prune(now: start.addingTimeInterval(30 * 86400), ownerRetention: 3600)
        #expect(history.impactHolds["demo/Deployment/web"] == hold)

        var lease = KillHistory()
        let later = ImpactHold(killId: "01LATER", reason: "steady-state-not-met after recovery", since: start.addingTimeInterval(60))
        lease.hold(owner: "demo/Deployment/web", later)
        #expect(history.merging(lease).impactHolds["demo/Deployment/web"] == later)
        #expect(lease.merging(history).impactHolds["demo/Deployment/web"] == later)
        #expect(history.clearHold(owner: "demo/Deployment/web") == hold)
        #expect(history.impactHolds.isEmpty)
    }

    @Test("Only the annotation naming the hold's kill clears it; the clear command names the owner and the kill")
    func impactClear() {
        let hold = ImpactHold(killId: "01KILL", reason: "aborted", since: start)
        #expect(hold.isCleared(by: [PodChaosKeys.impactCleared: "01KILL"]))
        #expect(!hold.isCleared(by: [PodChaosKeys.impactCleared: "01OTHER"]))
        #expect(!hold.isCleared(by: [:]))
        #expect(
            hold.clearCommand(owner: "shop/StatefulSet/db")
                == "kubectl annotate --overwrite -n shop statefulset/db podchaosmonkey.io/impact-cleared=01KILL")
    }
}
