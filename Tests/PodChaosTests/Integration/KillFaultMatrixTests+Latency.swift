import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

@testable import PodChaos

extension KillFaultMatrixTests {
    @Test(
        "Latency beyond the request timeout on the DELETE: it times out unapplied, the pod is read back still running: failed, no other pod tried"
    )
    func latencyBeyondRequestTimeout() async throws {
        // The fault clock never moves: the DELETE is held until the client gives up at its request timeout, the one wait
        // on the wall clock (1 s; each attempt's deadline is the transport's). One attempt: the budget is spent.
        let options = ClientOptions(qps: 0, requestTimeout: .seconds(1), retry: RetryPolicy(maxAttempts: 1), clock: ImmediateClock())
        try await SandboxCluster.with(clientOptions: options, faultClock: SteppingClock()) { cluster in
            let web = try await cluster.deployment("web", replicas: 3)
            await cluster.sandbox.addFault(try Self.rule("delete", Self.onePod, times: nil, .latency(.seconds(3600))))
            let before = await cluster.sandbox.requests().count
            var kill = KillOptions(
                criteria: SelectionCriteria(
                    namespaces: NamespaceScope(included: ["demo"]), labelSelector: try Labels.Selector(parsing: "app=web")),
                seed: 42, mode: .delete, recovery: RecoveryOptions(wait: false))
            kill.maxKills = 1
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(kill)
            let requests = Array(await cluster.sandbox.requests().dropFirst(before))

            let kills = requests.enumerated().filter { Self.isKill($0.element) }
            #expect(kills.count == 1, "one DELETE, no retry and no other victim: \(kills.map(\.element.path))")
            let victim = try #require(kills.first)
            let name = Self.podName(in: victim.element.path)
            #expect(
                requests[(victim.offset + 1)...].contains { $0.verb == "get" && Self.podName(in: $0.path) == name },
                "the lost answer is resolved by reading that pod")
            let pods = try await cluster.client.list(Pod.self).items
            #expect(pods.filter { !$0.isTerminating }.count == 3, "the held DELETE was never applied")
            #expect(Set(pods.compactMap(\.metadata.uid)) == Set(web.compactMap(\.metadata.uid)))
            let reported = try #require(report.kills.first)
            #expect(report.kills.count == 1)
            #expect(reported.pod.name == name)
            #expect(reported.result == .failed, "\(String(describing: reported.reason))")
            #expect(report.verdict == .fail)
        }
    }
}
