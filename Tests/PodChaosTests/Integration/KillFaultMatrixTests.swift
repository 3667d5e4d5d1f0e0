import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

@testable import PodChaos

/// `kill -l app=web --max-kills 1` while the API server misbehaves, judged from the sandbox's request log and store
/// rather than from the report alone: at most one pod is killed, never a second victim after a lost or failed answer,
/// never a pod outside the selection. Retries and `Retry-After` run on an `ImmediateClock`: nothing waits.
@Suite("kill under API faults")
struct KillFaultMatrixTests {
    /// What the run must end with.
    enum Outcome: Sendable {
        /// One web pod killed (deleting or gone), reported with `result`.
        case killed(KillReport.Result)
        /// Nothing killed; the run fails with the kill reported `failed`.
        case failed
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let mode: KillMode
        let rules: @Sendable () throws -> [FaultRule]
        let outcome: Outcome
        /// How long the latency faults held requests, on the sandbox's fault clock.
        var latency: Duration = .zero
        var testDescription: String { name }
    }

    static let podList = "/api/v1/namespaces/demo/pods"
    static let onePod = "/api/v1/namespaces/demo/pods/*"
    static let eviction = "/api/v1/namespaces/demo/pods/*/eviction"

    static func rule(_ verb: String, _ path: String, times: Int? = 1, _ action: FaultAction) throws -> FaultRule {
        FaultRule(verb: verb, path: try #require(PathPattern(path)), times: times, action: action)
    }

    static let scenarios: [Scenario] = [
        Scenario(
            name: "500 twice on the pod LIST", mode: .delete, rules: { [try rule("list", podList, times: 2, .status(.init(code: 500)))] },
            outcome: .killed(.killed)),
        Scenario(
            name: "429 with Retry-After on the pod LIST", mode: .delete,
            rules: { [try rule("list", podList, .status(.init(code: 429, retryAfterSeconds: 7)))] }, outcome: .killed(.killed)),
        Scenario(
            name: "503 twice on the DELETE", mode: .delete, rules: { [try rule("delete", onePod, times: 2, .status(.init(code: 503)))] },
            outcome: .killed(.killed)),
        Scenario(
            name: "503 twice on the eviction", mode: .evict, rules: { [try rule("create", eviction, times: 2, .status(.init(code: 503)))] },
            outcome: .killed(.killed)),
        Scenario(
            name: "connection dropped before the DELETE", mode: .delete, rules: { [try rule("delete", onePod, .dropBeforeRequest)] },
            outcome: .killed(.killed)),
        Scenario(
            name: "connection dropped after the DELETE was applied", mode: .delete,
            rules: { [try rule("delete", onePod, .dropAfterApply)] }, outcome: .killed(.killed)),
        Scenario(
            name: "connection dropped after the forced DELETE was applied", mode: .force,
            rules: { [try rule("delete", onePod, .dropAfterApply)] }, outcome: .killed(.killed)),
        Scenario(
            name: "connection dropped after the eviction was applied", mode: .evict,
            rules: { [try rule("create", eviction, .dropAfterApply)] }, outcome: .killed(.killed)),
        Scenario(
            name: "API server restart at the DELETE", mode: .delete, rules: { [try rule("delete", onePod, .restart)] },
            outcome: .killed(.killed)),
        Scenario(
            name: "2 s latency on the pod LIST", mode: .delete, rules: { [try rule("list", podList, .latency(.seconds(2)))] },
            outcome: .killed(.killed), latency: .seconds(2)),
        Scenario(
            name: "2 s latency on the DELETE", mode: .delete, rules: { [try rule("delete", onePod, .latency(.seconds(2)))] },
            outcome: .killed(.killed), latency: .seconds(2)),
        Scenario(
            name: "500 on every DELETE", mode: .delete, rules: { [try rule("delete", onePod, times: nil, .status(.init(code: 500)))] },
            outcome: .failed),
        Scenario(
            name: "every DELETE's connection dropped after it was applied", mode: .delete,
            rules: { [try rule("delete", onePod, times: nil, .dropAfterApply)] }, outcome: .killed(.killed)),
    ]

    @Test(arguments: scenarios)
    func kill(_ scenario: Scenario) async throws {
        let options = ClientOptions(qps: 0, retry: RetryPolicy(maxAttempts: 4), clock: ImmediateClock())
        // Latency passes on a clock of its own: the request waits its whole delay there, and none on the wall clock.
        let faultClock = ImmediateClock()
        try await SandboxCluster.with(clientOptions: options, faultClock: faultClock) { cluster in
            let web = try await cluster.deployment("web", replicas: 3)
            let db = try await cluster.deployment("db", replicas: 3)
            for rule in try scenario.rules() { await cluster.sandbox.addFault(rule) }
            let before = await cluster.sandbox.requests().count
            var kill = KillOptions(
                criteria: SelectionCriteria(
                    namespaces: NamespaceScope(included: ["demo"]), labelSelector: try Labels.Selector(parsing: "app=web")),
                seed: 42, mode: scenario.mode, recovery: RecoveryOptions(wait: false))
            kill.maxKills = 1
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(kill)
            let requests = await cluster.sandbox.requests().dropFirst(before)

            // Every fault with a count fired as often as it was set to.
            let rules = try scenario.rules()
            let limited = rules.indices.filter { rules[$0].times != nil }
            #expect(Set(await cluster.sandbox.faults.plan.exhaustedRules).isSuperset(of: limited), "the fault fired")
            #expect(faultClock.now.offset == scenario.latency)
            // Every kill request went to one pod, a web pod: no second victim, nothing outside the selection.
            let killPaths = Set(requests.filter(Self.isKill).map { Self.podName(in: $0.path) })
            #expect(killPaths.count == 1, "\(killPaths)")
            #expect(killPaths.isSubset(of: Set(web.map(\.name))), "\(killPaths)")
            let pods = try await cluster.client.list(Pod.self).items
            let dbUIDs = Set(db.compactMap(\.metadata.uid))
            #expect(pods.filter { dbUIDs.contains($0.metadata.uid ?? "") && !$0.isTerminating }.count == 3, "db untouched")
            let killedWeb = web.filter { pod in
                pods.first { $0.metadata.uid == pod.metadata.uid }.map(\.isTerminating) ?? true
            }
            #expect(report.kills.count == 1)
            let reported = try #require(report.kills.first)
            switch scenario.outcome {
            case .killed(let result):
                #expect(killedWeb.map(\.name) == [reported.pod.name], "exactly the reported pod is killed")
                #expect(reported.result == result, "\(String(describing: reported.reason))")
                #expect(report.verdict == .pass)
            case .failed:
                #expect(killedWeb.isEmpty)
                #expect(reported.result == .failed)
                #expect(report.verdict == .fail)
            }
        }
    }

    static func isKill(_ request: FaultRequest) -> Bool {
        let path = request.path.split(separator: "?").first.map(String.init) ?? request.path
        return (request.verb == "delete" && path.hasPrefix("/api/v1/namespaces/demo/pods/"))
            || (request.verb == "create" && path.hasSuffix("/eviction"))
    }

    static func podName(in path: String) -> String {
        let parts = (path.split(separator: "?").first ?? "").split(separator: "/")
        guard let index = parts.firstIndex(of: "pods"), parts.count > index + 1 else { return "" }
        return String(parts[index + 1])
    }
}
