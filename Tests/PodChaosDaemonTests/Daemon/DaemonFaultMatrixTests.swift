import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

/// `run` for 20 ticks while the API server misbehaves, judged from the sandbox's request log: the daemon kills again
/// once the fault has passed, stays within its hourly budget, kills no pod twice and none it did not report, touches
/// nothing outside its namespaces, and ends on time. Retries back off by a millisecond: nothing waits for long.
@Suite("run under API faults", .dedicatedThreads, .serialized, .timeLimit(.minutes(2)))
struct DaemonFaultMatrixTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let rules: @Sendable () throws -> [FaultRule]
        /// Whether the rules hold requests on the sandbox's fault clock.
        var latency = false
        var testDescription: String { name }
    }

    static let pods = "/api/v1/namespaces/demo/pods"
    static let onePod = "/api/v1/namespaces/demo/pods/*"

    static func rule(_ verb: String, _ path: String, times: Int? = 1, _ action: FaultAction) throws -> FaultRule {
        FaultRule(verb: verb, path: try #require(PathPattern(path)), times: times, action: action)
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "500 three times on the pod LIST") { [try rule("list", pods, times: 3, .status(.init(code: 500)))] },
        Scenario(name: "503 on every LIST, twice each") { [try rule("list", "/**", times: 2, .status(.init(code: 503)))] },
        Scenario(name: "the pod watch cut after one event, three times") { [try rule("watch", pods, times: 3, .cutWatchAfterEvents(1))] },
        Scenario(name: "410 Expired when the pod watch resumes") {
            [try rule("watch", pods, times: 1, .cutWatchAfterEvents(0)), try rule("watch", pods, times: 1, .expireNextWatch)]
        },
        Scenario(name: "503 twice on the DELETE") { [try rule("delete", onePod, times: 2, .status(.init(code: 503)))] },
        Scenario(name: "connection dropped after the DELETE was applied") { [try rule("delete", onePod, .dropAfterApply)] },
        Scenario(name: "API server restart at the first DELETE") { [try rule("delete", onePod, .restart)] },
        Scenario(
            name: "2 s latency on every LIST and DELETE",
            rules: {
                [try rule("list", "/**", times: nil, .latency(.seconds(2))), try rule("delete", onePod, times: nil, .latency(.seconds(2)))]
            }, latency: true),
        Scenario(name: "500 on every Event written") {
            [try rule("create", "/apis/events.k8s.io/v1/namespaces/*/events", times: nil, .status(.init(code: 500)))]
        },
    ]

    @Test(arguments: scenarios)
    func run(_ scenario: Scenario) async throws {
        let fastRetries = ClientOptions(qps: 0, retry: RetryPolicy(initialDelay: .milliseconds(1), maxDelay: .milliseconds(1)))
        // Latency passes on a clock of its own: the request waits its whole delay there, and none on the wall clock.
        let faultClock = ImmediateClock()
        try await DaemonSandbox.with(clientOptions: fastRetries, faultClock: faultClock) { cluster in
            try await cluster.deployment("web", replicas: 3)
            try await cluster.namespace("other")
            try await cluster.deployment("db", namespace: "other", replicas: 2)
            for rule in try scenario.rules() { await cluster.sandbox.addFault(rule) }
            let before = await cluster.sandbox.requests().count
            let leadership = ToggledLeadership()
            let notifier = RecordingNotifier()
            let daemon = cluster.daemon(
                leadership: leadership, notifier: notifier, clock: VirtualClock(),
                budget: KillBudget(maxKillsPerHour: 2, minTimeBetweenKillsPerOwner: .zero), maxRuntime: .seconds(20 * 120),
                schedule: EveryInterval(seconds: 120))
            try await daemon.run()
            let requests = await cluster.sandbox.requests().dropFirst(before)

            // Every fault with a count fired as often as it was set to.
            let rules = try scenario.rules()
            let limited = rules.indices.filter { rules[$0].times != nil }
            #expect(Set(await cluster.sandbox.faults.plan.exhaustedRules).isSuperset(of: limited), "the fault fired")
            #expect(leadership.released)
            #expect((faultClock.now.offset >= .seconds(2)) == scenario.latency, "latency held requests on the fault clock")
            let killed = notifier.killed
            #expect(!killed.isEmpty, "the daemon killed once the fault had passed")
            #expect(killed.count <= 2, "--max-kills-per-hour 2 over 40 minutes")
            #expect(Set(killed.compactMap(\.pod.uid)).count == killed.count, "no pod killed twice")
            let deleted = Set(requests.filter { $0.verb == "delete" && $0.path.hasPrefix(Self.pods + "/") }.map(\.path))
            #expect(deleted == Set(killed.map { "\(Self.pods)/\($0.pod.name)" }), "every DELETE is a reported kill's")
            #expect(!requests.contains { $0.verb == "delete" && $0.path.contains("/namespaces/other/") }, "nothing outside demo")
        }
    }

    @Test("/readyz says the API is unreachable while its connections drop, and ready again once they do not")
    func readinessFollowsTheFault() async throws {
        let fastRetries = ClientOptions(
            qps: 0, retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1), maxDelay: .milliseconds(1)))
        try await DaemonSandbox.with(clientOptions: fastRetries) { cluster in
            let daemon = cluster.daemon(leadership: ToggledLeadership())
            #expect(await daemon.readiness().allSatisfy(\.ok))
            // Every attempt of one readiness check is dropped: 3 attempts.
            await cluster.sandbox.addFault(try Self.rule("get", "/api/v1/namespaces/demo", times: 3, .dropBeforeRequest))
            let during = await daemon.readiness()
            #expect(during.first { $0.name == "api" }?.ok == false, "\(during)")
            #expect(during.first { $0.name == "leadership" }?.ok == true)
            #expect(await daemon.readiness().allSatisfy(\.ok), "ready again once the fault has passed")
        }
    }
}
