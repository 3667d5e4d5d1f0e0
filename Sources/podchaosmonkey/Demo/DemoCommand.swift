import ArgumentParser
import Foundation
import KubeAPI
import KubeSandbox
import Logging
import PodChaos

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run podchaosmonkey against an embedded sandbox cluster loaded with kustomize/example.")

    @Option(help: "Seed for the demo's random choices.")
    var seed: UInt64 = 42

    func run() async throws {
        LoggingBootstrap.bootstrap(level: .error, format: .text)
        let sandbox: Sandbox
        do {
            sandbox = try await Sandbox.start(SandboxOptions())
        } catch {
            Self.fail(CLIError.usage("cannot start the embedded sandbox: \(error)"))
        }
        do {
            for file in ExampleManifests.files { _ = try await sandbox.load(file.content, origin: "kustomize/example/\(file.name)") }
            try await KubernetesClient.withKubernetesClient(
                config: sandbox.clusterConfig(namespace: Demo.namespace), options: ClientOptions(qps: 50, burst: 100)
            ) { client in
                try await Demo(client: client, seed: seed).run(sandboxURL: sandbox.url)
            }
        } catch {
            await sandbox.stop()
            Self.fail(error)
        }
        await sandbox.stop()
    }
}

/// The demo's script: show the plan, try an eviction the PodDisruptionBudget refuses, then delete a pod and watch it come back.
struct Demo {
    static let namespace = "podchaos-demo"
    let client: KubernetesClient
    let seed: UInt64

    func run(sandboxURL: URL) async throws {
        say("podchaosmonkey demo — an embedded Kubernetes API server at \(sandboxURL.absoluteString), loaded with kustomize/example")
        say(
            "namespace \(Self.namespace): 3 bare nginx pods, and Deployment nginx (3 replicas) with PodDisruptionBudget nginx-pdb (minAvailable 3)\n"
        )
        try await waitForDeployment("nginx", replicas: 3, timeout: .seconds(60))

        let engine = ChaosEngine(client: client, version: BuildInfo.version, instance: "demo")
        let evict = options(mode: .evict)
        say("$ podchaosmonkey plan -n \(Self.namespace) -o wide --seed \(seed)")
        let plan = try await engine.plan(evict)
        say(PlanRendering.text(plan, options: evict, wide: true) + "\n")

        say("$ podchaosmonkey kill -n \(Self.namespace) --mode evict --seed \(seed)")
        let blocked = try await engine.kill(evict)
        say(KillCommand.render(blocked))
        say("→ the budget allows no disruption, so nothing is evicted (kill would exit 3)\n")

        let delete = options(mode: .delete)
        say("$ podchaosmonkey kill -n \(Self.namespace) --mode delete --seed \(seed)   (a DELETE does not consult budgets)")
        let killed = try await engine.kill(delete)
        say(KillCommand.render(killed))
        say("→ verdict \(killed.verdict.rawValue)\n")

        try await breakReplacements()
        var failing = options(mode: .delete)
        failing.criteria.labelSelector = try Labels.Selector(parsing: "app=flaky")
        failing.recovery.timeout = .seconds(6)
        say("$ podchaosmonkey kill -n \(Self.namespace) -l app=flaky --mode delete --recovery-timeout 6s")
        say("  (ReplicaSet flaky's template now points at a build that crashes: running pods are fine, replacements are not)")
        let broken = try await engine.kill(failing)
        say(KillCommand.render(broken))
        say("→ verdict \(broken.verdict.rawValue): the replacement never became Ready (kill would exit 1)\n")
        say("Point podchaosmonkey at a real cluster with --kubeconfig, or explore a sandbox with `podchaosmonkey sandbox`.")
    }

    func options(mode: KillMode) -> KillOptions {
        KillOptions(
            criteria: SelectionCriteria(namespaces: NamespaceScope(included: [Self.namespace])), seed: seed, mode: mode,
            recovery: RecoveryOptions(timeout: .seconds(30)))
    }

    /// Adds ReplicaSet `flaky`, waits for it, then changes its template so that new pods crash-loop — a bad rollout
    /// that only shows once a pod has to be replaced.
    private func breakReplacements() async throws {
        let labels = ["app": "flaky"]
        var replicaSet = ReplicaSet(metadata: ObjectMeta(name: "flaky", namespace: Self.namespace, labels: labels))
        replicaSet.spec = .init(
            replicas: 2, selector: LabelSelector(matchLabels: labels),
            template: PodTemplateSpec(
                metadata: ObjectMeta(labels: labels), spec: PodSpec(containers: [Container(name: "app", image: "example/flaky:1.0")])))
        _ = try await client.create(replicaSet)
        try await waitFor(ReplicaSet.self, "flaky", replicas: 2, timeout: .seconds(60)) { $0.status?.readyReplicas }
        let patch = #"{"spec":{"template":{"metadata":{"annotations":{"sandbox.podchaosmonkey.io/failure":"crashloop"}}}}}"#
        _ = try await client.patch(ReplicaSet.self, name: "flaky", patch: .merge(Data(patch.utf8)))
    }

    private func waitFor<T: KubernetesObject>(
        _ type: T.Type, _ name: String, replicas: Int, timeout: Duration, ready: (T) -> Int?
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let object = try? await client.get(T.self, name: name), (ready(object) ?? 0) >= replicas { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CLIError.api(
            "\(T.resource.kind) \(name) did not become ready in the embedded sandbox within \(GoDuration.format(timeout, precision: .readable))"
        )
    }

    private func waitForDeployment(_ name: String, replicas: Int, timeout: Duration) async throws {
        try await waitFor(Deployment.self, name, replicas: replicas, timeout: timeout) { $0.status?.readyReplicas }
    }

    private func say(_ text: String) {
        print(text)
    }
}
