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

    @Test func aDeletedDeploymentPodIsReplacedAtOnceAndTheReplacementIsReadyAfterTheDelays() async throws {
        let timings = PodLifecycleTimings(startDelay: .milliseconds(300), readyDelay: .milliseconds(300), terminationDelay: .seconds(3))
        let sandbox = try await Sandbox.start(SandboxOptions(podTimings: timings))
        let client = try KubernetesClient(config: sandbox.clusterConfig())
        do {
            try await sandbox.load(Self.deployment)
            let ready = try await eventually { () async throws -> [Pod]? in
                let pods = try await client.list(Pod.self).items
                return pods.count == 3 && pods.allSatisfy(\.isReady) ? pods : nil
            }
            let victim = try #require(ready?.first)
            // Taken before the call: the kubelet's delays run from the DELETE, and this task may resume late after it.
            let deletedAt = Date()
            _ = try await client.delete(Pod.self, name: victim.name)
            // While the victim is still Terminating, its replacement already exists.
            let replacement = try #require(
                try await eventually { () async throws -> Pod? in
                    let pods = try await client.list(Pod.self).items
                    guard pods.contains(where: { $0.name == victim.name && $0.isTerminating }) else { return nil }
                    return pods.first { pod in !(ready ?? []).contains { $0.name == pod.name } }
                })
            #expect(replacement.metadata.labels?["pod-template-hash"] != nil)
            let readySeenAt = try await eventually { try await client.get(Pod.self, name: replacement.name).isReady ? Date() : nil }
            #expect(try #require(readySeenAt).timeIntervalSince(deletedAt) >= 0.6)
            let status = try await eventually { () async throws -> Deployment.Status? in
                let status = try await client.get(Deployment.self, name: "web").status
                return status?.availableReplicas == 3 && status?.readyReplicas == 3 ? status : nil
            }
            #expect(status?.replicas == 3)
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
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await sandbox.objects("replicasets").isEmpty)
            #expect(await sandbox.store.activeWatchCount == 0)
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
