import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

extension DaemonFaultMatrixTests {
    /// Everything the daemon reads and kills, for the `chaos` service account, but no Events (events.k8s.io).
    static let grantsWithoutEvents = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: chaos-without-events}
        rules:
        - apiGroups: ["", "apps", "batch", "policy", "discovery.k8s.io"]
          resources: ["*"]
          verbs: ["*"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: chaos-without-events}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: chaos-without-events}
        subjects: [{kind: ServiceAccount, name: chaos, namespace: demo}]
        """

    static let eventGrant = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: chaos-events, namespace: demo}
        rules: [{apiGroups: [events.k8s.io], resources: [events], verbs: [create]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: chaos-events, namespace: demo}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: chaos-events}
        subjects: [{kind: ServiceAccount, name: chaos, namespace: demo}]
        """

    @Test(
        "Events forbidden by RBAC during run: no kill without its Event (proven by a dry run first), one api_error line per tick, no crash; kills resume once Events may be written",
        .timeLimit(.minutes(1)))
    func eventsForbidden() async throws {
        try await DaemonSandbox.with(rbac: true) { admin in
            try await admin.deployment("web", replicas: 3)
            _ = try await admin.sandbox.load(Self.grantsWithoutEvents)
            let account = try await admin.sandbox.clusterConfig(serviceAccount: "chaos", namespace: "demo")
            try await withInProcessClient(admin.sandbox, config: account) { client in
                let cluster = DaemonSandbox(sandbox: admin.sandbox, client: client, controllerTime: nil)
                let ticks = SteppingClock()
                let notifier = RecordingNotifier()
                let log = LogCapture()
                let daemon = cluster.daemon(
                    leadership: ToggledLeadership(), notifier: notifier, clock: SteppedDaemonClock(ticks), maxRuntime: .seconds(270),
                    schedule: EveryInterval(seconds: 60), logger: log.logger)
                let before = await cluster.sandbox.requests().count
                async let running: Void = daemon.run()

                /// Runs tick `number` (at `number` minutes) and returns once its kill has finished or failed.
                @Sendable func tick(_ number: Int) async throws {
                    await ticks.sleeping { $0.contains { $0.offset == .seconds(60 * number) } }
                    ticks.advance(by: .seconds(60))
                    // The tick has returned once the daemon sleeps again; its kill runs on in the background.
                    await ticks.sleeping { $0.contains { $0.offset > .seconds(60 * number) } }
                    #expect(try await eventuallyHolds { await daemon.inFlight == nil }, "tick \(number)'s kill finished")
                }
                for number in 1...3 {
                    try await tick(number)
                    #expect(await daemon.lastOutcome == .skipped(.apiError), "tick \(number)")
                }
                let forbiddenUntil = await cluster.sandbox.requests().count
                _ = try await admin.sandbox.load(Self.eventGrant)
                try await tick(4)
                #expect(try await eventuallyHolds { notifier.recovered.count == 1 })
                // --max-runtime (4 m 30 s) ends the run by itself.
                await ticks.sleeping { $0.contains { $0.offset == .seconds(270) } }
                ticks.advance(by: .seconds(30))
                try await running

                let requests = await cluster.sandbox.requests()
                let events = "/apis/events.k8s.io/v1/namespaces/demo/events"
                let whileForbidden = requests[before..<forbiddenUntil]
                #expect(!whileForbidden.contains { $0.verb == "delete" }, "no kill while its Event may not be written")
                #expect(whileForbidden.filter { $0.verb == "create" && $0.path.hasPrefix(events) }.count == 3, "one dry run a tick")
                let deleted = requests[forbiddenUntil...].filter { $0.verb == "delete" && $0.path.hasPrefix(Self.pods + "/") }
                #expect(deleted.map(\.path) == notifier.killed.map { "\(Self.pods)/\($0.pod.name)" })
                #expect(notifier.killed.count == 1)
                // One warning a tick, the decision's own line, naming the refusal; nothing else logged about it.
                let refused = log.all.filter { $0.contains("forbidden") }
                #expect(refused.count == 3, "\(refused)")
                #expect(refused.allSatisfy { $0.contains("decision=skip") && $0.contains("reason=api_error") }, "\(refused)")
                #expect(refused.allSatisfy { $0.contains("events") }, "the refusal names the resource: \(refused)")
            }
        }
    }
}
