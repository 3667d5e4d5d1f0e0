import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

@testable import PodChaos

/// Where recovery is watched, counted in the sandbox's request log: only in the namespaces of pods actually killed,
/// and never more watches than the watch client's connections can carry, however many namespaces are in scope.
/// Counts are bounds: the observer waits for each watch's initial LIST, and a watch stopped (at the end of the run,
/// or at the switch to cluster-wide) before its request left reaches the server never, which is fine. Serialized: each
/// test runs a sandbox of up to 100 namespaces, and several at once would starve the sandboxes of other suites.
@Suite("Recovery watches open only where kills happen", .dedicatedThreads, .serialized)
struct RecoveryWatchScopeTests {
    /// A living in-process sandbox on the wall clock: what is counted here is watches, not time.
    struct Live {
        let sandbox: Sandbox
        let client: KubernetesClient

        func load(_ yaml: String) async throws { _ = try await sandbox.load(yaml) }
    }

    static func withLive(_ body: (Live) async throws -> Void) async throws {
        try await withInProcessSandbox(SandboxOptions(podTimings: RecoverySandboxTests.timings)) { sandbox, client in
            try await body(Live(sandbox: sandbox, client: client))
        }
    }

    /// `count` namespaces labelled team=fanout, each with a ready 2-replica Deployment `w`.
    static func fanOut(_ live: Live, namespaces count: Int) async throws {
        let manifests = (0..<count).map { index in
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: fan-\(index), labels: {team: fanout}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: w, namespace: fan-\(index)}
            spec:
              replicas: 2
              selector: {matchLabels: {app: w}}
              template:
                metadata: {labels: {app: w}}
                spec: {containers: [{name: app, image: nginx}]}
            """
        }
        try await live.load(manifests.joined(separator: "\n---\n"))
        let ready = try await eventuallyHolds(within: .seconds(120)) {
            let deployments = try await live.client.list(Deployment.self, allNamespaces: true).items
            return deployments.filter { $0.status?.readyReplicas == 2 }.count == count
        }
        #expect(ready, "every fan-out Deployment has 2 ready replicas")
    }

    /// `kill --namespace-selector team=fanout -l app=w --mode delete --count kills`, or `-n` each of `named`.
    static func kill(_ live: Live, kills: Int, named: [String]? = nil) async throws -> KillReport {
        let scope =
            try named.map { NamespaceScope(included: $0) } ?? NamespaceScope(selector: try Labels.Selector(parsing: "team=fanout"))
        var options = KillOptions(
            criteria: SelectionCriteria(
                namespaces: scope,
                labelSelector: try Labels.Selector(parsing: "app=w")),
            count: .count(kills), maxKills: kills, seed: 7, mode: .delete, sequence: .parallel,
            recovery: RecoveryOptions(timeout: .seconds(60)))
        options.minReady = 1
        return try await ChaosEngine(client: live.client, version: "test").kill(options)
    }

    static func watches(_ live: Live) async -> [String] {
        await live.sandbox.requests().filter { $0.verb == "watch" }.map(\.path)
    }

    @Test(
        "Victims among 100 namespaces in scope recover, watched in their own namespaces only: at most 8 watches each",
        arguments: [1, 3])
    func fewVictims(kills: Int) async throws {
        try await Self.withLive { live in
            try await Self.fanOut(live, namespaces: 100)
            let report = try await Self.kill(live, kills: kills)
            #expect(report.kills.count == kills)
            for kill in report.kills {
                #expect(kill.result == .killed)
                #expect(
                    kill.recovery?.verdict == .recovered, "\(kill.pod.namespace)/\(kill.pod.name): \(String(describing: kill.recovery))")
            }
            #expect(report.verdict == .pass)
            let killedIn = Set(report.kills.map(\.pod.namespace))
            #expect(killedIn.count == kills)
            let watches = await Self.watches(live)
            #expect(watches.count <= 8 * kills)
            #expect(watches.allSatisfy { path in killedIn.contains { path.contains("/namespaces/\($0)/") } }, "\(watches)")
            for namespace in killedIn {
                #expect((1...8).contains(watches.filter { $0.contains("/namespaces/\(namespace)/") }.count))
            }
        }
    }

    @Test("Victims in more namespaces than can be watched one by one are watched cluster-wide: at most 8 watches in all")
    func manyVictimsWatchClusterWide() async throws {
        let kills = RecoveryObserver.namespaceLimit + 4
        try await Self.withLive { live in
            try await Self.fanOut(live, namespaces: kills)
            let report = try await Self.kill(live, kills: kills)
            #expect(report.kills.count == kills)
            #expect(Set(report.kills.map(\.pod.namespace)).count == kills)
            for kill in report.kills {
                #expect(
                    kill.recovery?.verdict == .recovered, "\(kill.pod.namespace)/\(kill.pod.name): \(String(describing: kill.recovery))")
            }
            #expect(report.verdict == .pass)
            let watches = await Self.watches(live)
            #expect((1...8).contains(watches.count))
            #expect(watches.allSatisfy { !$0.contains("/namespaces/") })
        }
    }

    @Test("Named namespaces, which may not be watched cluster-wide: no more watches than the pool, the kill past it WatchLimit")
    func namedNamespacesPastTheLimit() async throws {
        let kills = RecoveryObserver.namespaceLimit + 1
        try await Self.withLive { live in
            try await Self.fanOut(live, namespaces: kills)
            let report = try await Self.kill(live, kills: kills, named: (0..<kills).map { "fan-\($0)" })
            #expect(report.kills.count == kills)
            #expect(report.kills.allSatisfy { $0.result == .killed })
            let unwatched = report.kills.filter { $0.recovery?.reason == .watchLimit }
            #expect(unwatched.count == 1)
            #expect(unwatched.first?.recovery?.verdict == .notObserved)
            #expect(report.kills.filter { $0.recovery?.verdict == .recovered }.count == kills - 1)
            let watches = await Self.watches(live)
            #expect(watches.count <= RecoveryObserver.namespaceLimit * 8)
            #expect(watches.allSatisfy { $0.contains("/namespaces/") })
            let unwatchedNamespace = unwatched.first?.pod.namespace ?? ""
            #expect(!watches.contains { $0.contains("/namespaces/\(unwatchedNamespace)/") })
        }
    }

    @Test("Past the limit mid-run, a configuration that may read every namespace switches to cluster-wide watches and still observes")
    func switchesToClusterWide() async throws {
        let count = RecoveryObserver.namespaceLimit + 1
        try await Self.withLive { live in
            try await Self.fanOut(live, namespaces: count)
            let observer = RecoveryObserver(client: live.client, mayWatchCluster: true)
            for index in 0..<count {
                let watched = await observer.watch(namespace: "fan-\(index)")
                #expect(watched)
            }
            // A namespace watched one by one before the switch is observed through the cluster-wide watches now.
            let victim = try #require(try await live.client.list(Pod.self, namespace: "fan-0").items.first)
            let owner = Workload(try await live.client.get(Deployment.self, namespace: "fan-0", name: "w"))
            let killID = KillID()
            _ = await observer.expect(killID: killID, victim: victim, owner: owner, slo: nil)
            _ = try await live.client.delete(Pod.self, namespace: "fan-0", name: victim.metadata.name ?? "")
            let results = await observer.results(timeout: .seconds(60))
            await observer.stop()
            #expect(results[killID]?.verdict == .recovered, "\(String(describing: results[killID]))")
            // Never more watches than the pool: the per-namespace ones and one set cluster-wide.
            let watches = await Self.watches(live)
            #expect(watches.count <= RecoveryObserver.namespaceLimit * 8 + 8)
            #expect(watches.count <= KubernetesClient.watchConnectionsPerHost)
            #expect((1...8).contains(watches.filter { !$0.contains("/namespaces/") }.count))
        }
    }
}
