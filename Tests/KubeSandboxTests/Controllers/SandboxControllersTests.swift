import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// The controllers as a sandbox runs them, seen through HTTP by the KubeAPI client and by kubectl.
@Suite(.dedicatedThreads) struct SandboxControllersTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: nginx, image: "nginx:1.27"}]
        """

    @Test(.timeLimit(.minutes(1))) func aDeletedDeploymentPodIsReplacedAtOnceAndTheReplacementIsReadyAfterTheDelays() async throws {
        let clock = SteppingClock()
        var options = SandboxOptions(
            podTimings: PodLifecycleTimings(startDelay: .milliseconds(300), readyDelay: .milliseconds(300), terminationDelay: .seconds(3)))
        options.controllerClock = clock.controllerClock
        let sandbox = try await Sandbox.start(options)
        // A connect timeout for a loaded machine (every suite shares NIO's event loops), not a timing assertion.
        let client = try KubernetesClient(config: sandbox.clusterConfig(), options: ClientOptions(connectTimeout: .seconds(60)))
        do {
            try await sandbox.load(Self.deployment)
            var ready: [Pod] = []
            try await clock.fireTimers {
                ready = try await client.list(Pod.self).items
                return ready.count == 3 && ready.allSatisfy(\.isReady)
            }
            let victim = try #require(ready.first)
            _ = try await client.delete(Pod.self, name: victim.name)
            // The victim stays Terminating until the clock passes its termination delay; its replacement is already there.
            let replacement = try #require(
                try await eventually { () async throws -> Pod? in
                    let pods = try await client.list(Pod.self).items
                    guard pods.contains(where: { $0.name == victim.name && $0.isTerminating }) else { return nil }
                    return pods.first { pod in !ready.contains { $0.name == pod.name } }
                })
            #expect(replacement.metadata.labels?["pod-template-hash"] != nil)
            // Ready after its start and ready delays on the controllers' clock, and not a moment sooner.
            let deleted = clock.now
            try await clock.fireTimers { try await client.get(Pod.self, name: replacement.name).phase == .running }
            #expect(deleted.duration(to: clock.now).roundedMilliseconds == 300)
            try await clock.fireTimers { try await client.get(Pod.self, name: replacement.name).isReady }
            #expect(deleted.duration(to: clock.now).roundedMilliseconds == 600)
            try await clock.fireTimers {
                let status = try await client.get(Deployment.self, name: "web").status
                return status?.availableReplicas == 3 && status?.readyReplicas == 3 && status?.replicas == 3
            }
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        await sandbox.stop()
        #expect(await sandbox.store.activeWatchCount == 0)
    }

    @Test func nodesAreConfigurable() async throws {
        try await withSandbox(SandboxOptions(tls: false, nodes: 5)) { sandbox in
            let nodes = try await sandbox.objects("nodes")
            #expect(nodes.compactMap(\.name).sorted() == (1...5).map { "node-\($0)" })
            #expect(nodes.allSatisfy { $0.condition("Ready")?["status"]?.stringValue == "True" })
        }
    }

    @Test func withoutControllersObjectsStayAsWritten() async throws {
        try await withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox in
            try await sandbox.load(Self.deployment)
            // No controller watches the store, so nothing can act on the Deployment, now or later.
            #expect(await sandbox.store.activeWatchCount == 0)
            #expect(try await sandbox.objects("replicasets").isEmpty)
        }
    }

    @Test(.enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"))
    func kubectlSeesACreatedDeploymentComeAlive() async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        try await withSandbox(
            SandboxOptions(podTimings: PodLifecycleTimings(startDelay: .milliseconds(100), readyDelay: .milliseconds(100)))
        ) { sandbox in
            let kubectl = try Kubectl(sandbox)
            // kubectl's typed `create deployment` posts the Deployment as protobuf.
            let created = try await kubectl.run(["create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"])
            #expect(created.exitCode == 0, "\(created.stderr)")
            var output = ""
            let running = try await eventuallyHolds {
                output = try await kubectl.run(["get", "pods"]).stdout
                return output.split(separator: "\n").filter { line in
                    let columns = line.split(separator: " ", omittingEmptySubsequences: true)
                    return columns.count >= 3 && columns[0].hasPrefix("web-") && columns[1] == "1/1" && columns[2] == "Running"
                }.count == 2
            }
            #expect(running, "two web pods never ran: \(output)")
            let rollout = try await kubectl.run(["rollout", "status", "deployment/web", "--timeout=20s"])
            #expect(rollout.exitCode == 0, "\(rollout.stdout)\(rollout.stderr)")
            kubectl.cleanUp()
        }
    }
}
