import Foundation
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
}
