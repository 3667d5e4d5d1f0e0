import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import PodChaos
import Testing

/// The overlays' RBAC is enough and not one grant more: the CLI runs as the overlay's service account against a
/// sandbox that authorizes with RBAC, armed, with recovery observed; with every grant it succeeds, and without any
/// single one it fails with exit 4 naming the verb and resource it was refused. One sandbox at a time, so the
/// rest of the test run keeps its CPU.
@Suite(
    "Least privilege against the sandbox", .dedicatedThreads, .serialized,
    .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"))
struct LeastPrivilegeTests {
    static let target = "podchaos-demo"
    static let timings = PodLifecycleTimings(
        startDelay: .milliseconds(100), readyDelay: .milliseconds(100), terminationDelay: .milliseconds(100),
        initialBackOff: .milliseconds(200))

    /// Something of every owner kind the sandbox serves, so each owner grant is exercised; the victim is always a
    /// `web` pod (`--kinds Deployment`), whose budget allows one disruption and whose Service has endpoints.
    static let workloads = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: \(target), labels: {chaos: "on"}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: \(target)}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: \(target)}
        spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80}]}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web, namespace: \(target)}
        spec: {minAvailable: 2, selector: {matchLabels: {app: web}}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: \(target)}
        spec:
          replicas: 1
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec: {containers: [{name: db, image: postgres}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: \(target)}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: busybox}]}
        """

    static let rbacKinds: Set<String> = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]

    /// A rendered overlay whose RBAC may be changed before it is applied.
    struct Overlay {
        let tool: ToolWorkload
        let grants: RBACGrants
        /// Every rendered object but the RBAC, as YAML documents.
        let others: [String]

        static func load(_ name: String) async throws -> Overlay {
            try Overlay(rendered: try await Kustomize.render("kustomize/overlays/\(name)"))
        }

        init(rendered: String) throws {
            let objects = try Kustomize.objects(rendered)
            tool = try ToolWorkload(in: objects)
            grants = RBACGrants(objects)
            others = rendered.components(separatedBy: "\n---\n").filter { document in
                !LeastPrivilegeTests.rbacKinds.contains { document.contains("\nkind: \($0)\n") || document.hasPrefix("kind: \($0)\n") }
            }
        }
    }

    /// A sandbox with the workloads and the overlay applied, and the tool's own pod running.
    struct Cluster {
        let sandbox: Sandbox
        let admin: KubernetesClient
        let kubeconfig: String
        let toolPod: Pod

        /// Runs `body` with a fresh cluster and stops its admin client and sandbox, whether `body` returned or threw.
        /// `grants` replaces the overlay's RBAC when given.
        static func with<T>(
            _ overlay: Overlay, grants: RBACGrants? = nil, removing removed: (role: RBACGrants.RoleKey, grant: Permission)? = nil,
            _ body: (Cluster) async throws -> T
        ) async throws -> T {
            try await withSandbox(SandboxOptions(podTimings: LeastPrivilegeTests.timings, rbac: true)) { sandbox in
                try await KubernetesClient.withKubernetesClient(
                    config: sandbox.clusterConfig(namespace: target), options: ClientOptions(qps: 0)
                ) { admin in
                    try await body(try await prepare(overlay, grants: grants, removing: removed, sandbox: sandbox, admin: admin))
                }
            }
        }

        private static func prepare(
            _ overlay: Overlay, grants: RBACGrants?, removing removed: (role: RBACGrants.RoleKey, grant: Permission)?, sandbox: Sandbox,
            admin: KubernetesClient
        ) async throws -> Cluster {
            _ = try await sandbox.load(LeastPrivilegeTests.workloads)
            _ = try await sandbox.load(overlay.others.joined(separator: "\n---\n"))
            _ = try await sandbox.load((grants ?? overlay.grants).yaml(removing: removed))
            let home = overlay.tool.namespace
            let workloadsReady = try await eventuallyHolds {
                let web = try await admin.get(Deployment.self, namespace: target, name: "web").status?.readyReplicas == 3
                let db = try await admin.get(StatefulSet.self, namespace: target, name: "db").status?.readyReplicas == 1
                let agent = try await admin.get(DaemonSet.self, namespace: target, name: "agent").status?.numberReady ?? 0 > 0
                let budget = try await admin.get(PodDisruptionBudget.self, namespace: target, name: "web").allowsDisruption
                return web && db && agent && budget
            }
            try #require(workloadsReady, "web, db, agent and the budget never became ready")
            if overlay.tool.kind == "Job" { try await startJobPod(overlay.tool, in: sandbox, admin: admin) }
            let toolPod = try #require(
                try await eventually {
                    let pods = try await admin.list(
                        Pod.self, namespace: home, options: ListOptions(labelSelector: "app.kubernetes.io/name=podchaosmonkey"))
                    return pods.items.first { $0.isReady && !$0.isTerminating }
                }, "the tool's own pod never became ready")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-least-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let kubeconfig = directory.appendingPathComponent("kubeconfig").path
            try await sandbox.writeKubeconfig(to: kubeconfig, serviceAccount: overlay.tool.serviceAccount, namespace: home)
            return Cluster(sandbox: sandbox, admin: admin, kubeconfig: kubeconfig, toolPod: toolPod)
        }

        /// The sandbox stores Jobs without running them: create the Job's pod from its template, owned by it, as the
        /// Job controller would, so the tool finds itself and its owner as it would in a cluster.
        static func startJobPod(_ tool: ToolWorkload, in sandbox: Sandbox, admin: KubernetesClient) async throws {
            let job = try await admin.get(Job.self, namespace: tool.namespace, name: tool.name)
            let labels = (tool.template["metadata"] as? [String: Any])?["labels"] ?? [:]
            let pod: [String: Any] = [
                "apiVersion": "v1", "kind": "Pod",
                "metadata": [
                    "name": "\(tool.name)-x7k2p", "namespace": tool.namespace, "labels": labels,
                    "ownerReferences": [
                        [
                            "apiVersion": "batch/v1", "kind": "Job", "name": tool.name, "uid": job.metadata.uid ?? "", "controller": true,
                            "blockOwnerDeletion": true,
                        ]
                    ],
                ],
                "spec": tool.podSpec,
            ]
            _ = try await sandbox.load(String(decoding: try JSONSerialization.data(withJSONObject: pod), as: UTF8.self))
        }

        /// Runs `command` (kill or plan) armed, as the overlay's service account from the tool's own pod.
        func run(_ command: String, _ overlay: Overlay, extra: [String] = []) async throws -> CLIRunner.Result {
            let flags = overlay.tool.arguments.dropFirst().filter { !$0.hasPrefix("--dry-run") }
            let environment = overlay.tool.environment.merging([
                "POD_NAME": toolPod.name, "POD_NAMESPACE": toolPod.metadata.namespace ?? "", "POD_UID": toolPod.metadata.uid ?? "",
            ]) { $1 }
            return try await CLIRunner.run(
                [command] + flags + ["--kubeconfig", kubeconfig, "--kinds", "Deployment", "--seed", "7"] + extra, environment: environment)
        }
    }

    static let killFlags = ["--recovery-timeout", "60s", "-o", "json"]

    @Test(
        "With the overlay's RBAC, an armed kill evicts, observes recovery and (as a Deployment) scales itself down; plan works too",
        arguments: ["singlens", "podchaos", "cluster", "job"])
    func enough(_ name: String) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let overlay = try await Overlay.load(name)
        try await Cluster.with(overlay) { cluster in
            let plan = try await cluster.run("plan", overlay)
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stdout.contains("WOULD KILL"))

            let kill = try await cluster.run("kill", overlay, extra: Self.killFlags)
            #expect(kill.status == 0, "\(kill.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(kill.stdout.utf8)) as? [String: Any])
            let kills = report["kills"] as? [[String: Any]] ?? []
            #expect(kills.count == 1)
            #expect(kills.first?["result"] as? String == "killed")
            #expect((kills.first?["owner"] as? [String: Any])?["name"] as? String == "web")
            #expect((kills.first?["recovery"] as? [String: Any])?["verdict"] as? String == "recovered")
            // The Deployment options scale themselves down after the kill; the Job simply ends.
            if overlay.tool.kind == "Deployment" {
                let own = try await cluster.admin.get(Deployment.self, namespace: overlay.tool.namespace, name: overlay.tool.name)
                #expect(own.spec?.replicas == 0, "scaled itself down")
            }
        }
    }

    struct Removal: Sendable, CustomTestStringConvertible {
        let role: RBACGrants.RoleKey
        let grant: Permission
        var testDescription: String { "without \(grant) in \(role)" }
    }

    /// Every grant of the `podchaos` overlay (a Role per target namespace and one at home), except `jobs get`: only a
    /// Job-owned victim or tool pod is resolved through it, and here neither is (the job overlay's test uses it, and
    /// RequiredPermissionsTests covers why it is granted). Jobs list and watch are exercised by the recovery watch.
    static var removals: [Removal] {
        guard KubectlBinary.isInstalled, let overlay = try? Overlay(rendered: Kustomize.renderBlocking("kustomize/overlays/podchaos"))
        else {
            return []
        }
        return overlay.grants.allGrants.filter { !($0.grant.resource == "jobs" && $0.grant.verb == "get") }
            .map { Removal(role: $0.role, grant: $0.grant) }
    }

    @Test("Without any single grant of the podchaos overlay, an armed kill fails with exit 4 naming it", arguments: removals)
    func noneTooMany(_ removal: Removal) async throws {
        let overlay = try await Overlay.load("podchaos")
        try await Cluster.with(overlay, removing: (removal.role, removal.grant)) { cluster in
            let kill = try await cluster.run("kill", overlay, extra: Self.killFlags)
            #expect(kill.status == 4, "the grant is not needed: exit \(kill.status)\n\(kill.stderr)")
            let resource = removal.grant.resource
            #expect(
                kill.stderr.contains("forbidden: cannot \(removal.grant.verb) \(resource)"),
                "stderr does not name \(removal.grant.verb) \(resource):\n\(kill.stderr)")
        }
    }

    @Test("The removal list covers every grant of the podchaos overlay but jobs get")
    func removalsAreComplete() async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let grants = try await Overlay.load("podchaos").grants.allGrants
        let skipped = grants.filter { removal in !Self.removals.contains { $0.role == removal.role && $0.grant == removal.grant } }
        #expect(skipped.map { "\($0.grant.verb) \($0.grant.resource)" } == ["get jobs"])
        #expect(Self.removals.contains { $0.grant.resource == "jobs" && $0.grant.verb == "watch" })
        #expect(Self.removals.count >= 27, "the target Role and the home Role")
    }

    /// Flags whose grants no overlay carries: `--mode delete` (pods delete, no eviction) and `--namespace-selector`
    /// (namespaces list, cluster-wide beside the namespace's Role).
    static let conditionalFlags = ["-n", target, "--mode", "delete", "--namespace-selector", "chaos=on"]

    @Test(
        "With `podchaosmonkey rbac` for --mode delete and a namespace selector, a kill works; without pods delete or namespaces list it fails",
        arguments: [
            nil, Permission(apiGroup: "", resource: "pods", verb: "delete"), Permission(apiGroup: "", resource: "namespaces", verb: "list"),
        ])
    func conditionalGrants(_ removed: Permission?) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let overlay = try await Overlay.load("singlens")
        let printed = try await CLIRunner.run(overlay.tool.rbacArguments + Self.conditionalFlags, environment: overlay.tool.environment)
        #expect(printed.status == 0, "\(printed.stderr)")
        let grants = RBACGrants(try Kustomize.objects(printed.stdout))
        #expect(grants.roles.keys.map(\.kind).sorted() == ["ClusterRole", "Role"])
        let removal = try removed.map { grant in
            (role: try #require(grants.roles.first { $0.value.contains(grant) }?.key, "rbac printed no \(grant)"), grant: grant)
        }
        try await Cluster.with(overlay, grants: grants, removing: removal) { cluster in
            let kill = try await cluster.run("kill", overlay, extra: Self.conditionalFlags + Self.killFlags)
            if let removed {
                #expect(kill.status == 4, "the grant is not needed: exit \(kill.status)\n\(kill.stderr)")
                #expect(kill.stderr.contains("forbidden: cannot \(removed.verb) \(removed.resource)"), "\(kill.stderr)")
            } else {
                #expect(kill.status == 0, "\(kill.stderr)")
                let report = try JSONSerialization.jsonObject(with: Data(kill.stdout.utf8)) as? [String: Any]
                #expect((report?["kills"] as? [[String: Any]])?.first?["result"] as? String == "killed", "\(kill.stdout)")
            }
        }
    }

    /// A probe through the API server's service proxy to the `web` Service, with short windows.
    static let proxiedProbeFlags = [
        "--probe", "service:\(target)/web:80/ rate=10/s", "--probe-via", "proxy", "--probe-baseline", "1s", "--probe-after", "1s",
    ]

    @Test(
        "With `podchaosmonkey rbac` for a probe through the service proxy, a probed kill works; without services/proxy the steady state fails and nothing is killed",
        arguments: [false, true])
    func proxiedProbe(withoutProxyGrant: Bool) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let overlay = try await Overlay.load("singlens")
        let printed = try await CLIRunner.run(overlay.tool.rbacArguments + Self.proxiedProbeFlags, environment: overlay.tool.environment)
        #expect(printed.status == 0, "\(printed.stderr)")
        let grants = RBACGrants(try Kustomize.objects(printed.stdout))
        let proxy = Permission(apiGroup: "", resource: "services/proxy", verb: "get", resourceName: "web:80")
        let role = try #require(grants.roles.first { $0.value.contains(proxy) }?.key, "rbac printed no \(proxy)")
        try await Cluster.with(overlay, grants: grants, removing: withoutProxyGrant ? (role, proxy) : nil) { cluster in
            let kill = try await cluster.run("kill", overlay, extra: Self.proxiedProbeFlags + Self.killFlags)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(kill.stdout.utf8)) as? [String: Any], "\(kill.stderr)")
            let probes = report["probes"] as? [String: Any]
            let baseline = ((probes?["results"] as? [[String: Any]])?.first?["windows"] as? [[String: Any]])?.first
            if withoutProxyGrant {
                #expect(kill.status == 3, "\(kill.stderr)")
                #expect(probes?["before"] as? String == "not-met")
                #expect((baseline?["failureReasons"] as? [String: Int])?.keys.contains("HTTP 403") == true, "\(baseline ?? [:])")
                #expect((report["kills"] as? [[String: Any]])?.isEmpty == true)
            } else {
                #expect(kill.status == 0, "\(kill.stderr)")
                #expect(probes?["before"] as? String == "held")
                #expect(probes?["after"] as? String == "held")
                #expect((report["kills"] as? [[String: Any]])?.first?["result"] as? String == "killed", "\(kill.stdout)")
            }
        }
    }

    /// The daemon overlay's flags for one armed tick that kills: `--default-mtbf` makes every owner due.
    static let daemonFlags = [
        "--once", "--default-mtbf", "1ms", "--metrics-address", "127.0.0.1:0", "--recovery-timeout", "60s", "--log-level", "info",
    ]

    @Test(
        "With the daemon overlay's RBAC, an armed `run --once --leader-elect` holds the Lease and kills; without its own grants it exits 4 naming them",
        arguments: [
            nil, "namespaces list", "namespaces watch", "poddisruptionbudgets watch", "leases create", "leases get", "leases update",
        ])
    func daemon(removing removed: String?) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let overlay = try await Overlay.load("daemon")
        let removal = try removed.map { name in
            try #require(overlay.grants.allGrants.first { "\($0.grant.resource) \($0.grant.verb)" == name }, "no \(name) grant")
        }
        try await Cluster.with(overlay, removing: removal) { cluster in
            // Short leader-election timings, so a Lease that cannot be held ends the run in seconds.
            let timings = [
                "--leader-elect-lease-duration", "2s", "--leader-elect-renew-deadline", "1500ms", "--leader-elect-retry-period", "250ms",
            ]
            let run = try await cluster.run("run", overlay, extra: Self.daemonFlags + timings)
            if let removal {
                #expect(run.status == 4, "the grant is not needed: exit \(run.status)\n\(run.stderr)")
                #expect(
                    run.stderr.contains("cannot \(removal.grant.verb) \(removal.grant.resource)"),
                    "stderr does not name \(removal.grant.verb) \(removal.grant.resource):\n\(run.stderr)")
            } else {
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stderr.contains(#""decision":"kill""#), "\(run.stderr)")
                #expect(run.stderr.contains(#""result":"killed""#), "\(run.stderr)")
                #expect(run.stderr.contains(#""verdict":"recovered""#), "\(run.stderr)")
                let lease = try await cluster.admin.get(Lease.self, namespace: overlay.tool.namespace, name: "podchaosmonkey")
                #expect(lease.metadata.annotations?["podchaosmonkey.io/history"]?.contains("podchaos-demo/Deployment/web") == true)
            }
        }
    }
}
