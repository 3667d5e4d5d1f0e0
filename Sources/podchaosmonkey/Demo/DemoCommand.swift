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
                try await NetworkProbeTransport.with(kubernetes: client, serviceRoute: .apiProxy) { transport in
                    try await Demo(client: client, seed: seed, probeTransport: transport, sandbox: sandbox).run(sandboxURL: sandbox.url)
                }
            }
        } catch {
            await sandbox.stop()
            Self.fail(error)
        }
        await sandbox.stop()
    }
}

/// The demo's script: show the plan, try an eviction the PodDisruptionBudget refuses, delete a pod and watch it come
/// back, measure what a Service's users see when one of three replicas goes and when the only one does, then break a
/// rollout.
struct Demo {
    static let namespace = "podchaos-demo"
    let client: KubernetesClient
    let seed: UInt64
    let probeTransport: any ProbeTransport
    /// Where the demo's extra workloads are loaded.
    let sandbox: Sandbox

    func run(sandboxURL: URL) async throws {
        say("podchaosmonkey demo — an embedded Kubernetes API server at \(sandboxURL.absoluteString), loaded with kustomize/example")
        say(
            "namespace \(Self.namespace): 3 bare nginx pods, and Deployment nginx (3 replicas) with PodDisruptionBudget nginx-pdb (minAvailable 3)\n"
        )
        try await waitForDeployment("nginx", replicas: 3, timeout: .seconds(60))

        let engine = ChaosEngine(client: client, version: BuildInfo.version, instance: "demo", probeTransport: probeTransport)
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

        try await userImpact(engine)

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

    /// The same kill with a probe through the Service: of three replicas (nothing fails), then of one (every request
    /// fails until the replacement is ready).
    private func userImpact(_ engine: ChaosEngine) async throws {
        try await addSolo()
        say("User impact: a probe calls each Service 20 times a second through the API server's service proxy, 2s before the kill,")
        say("during it, and 2s after recovery. Deployment nginx has 3 replicas; Deployment solo has 1.\n")
        var compared: [String] = []
        for (name, minReady) in [("nginx", 1), ("solo", 0)] {
            var probed = options(mode: .delete)
            probed.criteria.labelSelector = try Labels.Selector(parsing: "app=\(name)")
            probed.minReady = minReady
            let probe = "service:\(Self.namespace)/\(name):80/ rate=20/s timeout=5s"
            probed.probes = [try ProbeSpecParser.parse(probe)]
            probed.probeWindows = ProbeWindowLengths(baseline: .seconds(2), after: .seconds(2))
            say(
                "$ podchaosmonkey kill -n \(Self.namespace) -l app=\(name) --mode delete\(minReady == 0 ? " --min-ready 0" : "") "
                    + "--probe '\(probe)' --probe-baseline 2s --probe-after 2s")
            let report = try await engine.kill(probed)
            say(KillCommand.render(report))
            say(
                report.verdict == .pass
                    ? "→ verdict pass: the other replicas answered every request while the pod was replaced\n"
                    : "→ verdict \(report.verdict.rawValue): \(report.reason ?? "") (kill would exit 1)\n")
            if let window = report.probes?.results.first?.window(.disruption) { compared.append(Self.compare(name, window)) }
        }
        say("Side by side, while the pod was replaced:\n" + compared.joined(separator: "\n") + "\n")
    }

    /// `solo: 1 of 21 requests succeeded; 20 failed in a row, for 956ms`.
    static func compare(_ name: String, _ window: ProbeWindowSummary) -> String {
        let succeeded = window.requests - window.failures
        let outage = window.longestFailureRun.map {
            "; \($0.requests) failed in a row, for \(GoDuration.format(.milliseconds(Int(($0.seconds * 1000).rounded())), precision: .readable))"
        }
        return "  \(name): \(succeeded) of \(window.requests) requests succeeded\(outage ?? "")"
    }

    /// Adds Deployment `solo` (one replica) and its Service, and waits for it.
    private func addSolo() async throws {
        let manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: solo, namespace: \(Self.namespace)}
            spec:
              replicas: 1
              selector: {matchLabels: {app: solo}}
              template:
                metadata: {labels: {app: solo}}
                spec: {containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: solo, namespace: \(Self.namespace)}
            spec: {selector: {app: solo}, ports: [{port: 80, targetPort: 80}]}
            """
        _ = try await sandbox.load(manifest, origin: "demo")
        try await waitForDeployment("solo", replicas: 1, timeout: .seconds(60))
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
