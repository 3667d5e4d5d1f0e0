import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// The binary end to end: flags, environment, output and exit codes, against the sandbox over HTTPS.
@Suite("podchaosmonkey kill and plan as a subprocess", .dedicatedThreads)
struct KillCLITests {
    /// A sandbox with a 3-replica Deployment in `demo`, a kubeconfig for the admin and one for a user without rights.
    struct Fixture {
        let sandbox: Sandbox
        let kubeconfig: String
        let nobodyKubeconfig: String

        /// Runs `body` with a fresh fixture and stops its sandbox, whether `body` returned or threw.
        static func with<T>(_ body: (Fixture) async throws -> T) async throws -> T {
            let nobody = SandboxUser(name: "nobody", token: "nobody-token", groups: [])
            return try await withSandbox(SandboxOptions(users: [.randomAdmin(), nobody], controllers: false, rbac: true)) { sandbox in
                try await body(try await prepare(sandbox))
            }
        }

        private static func prepare(_ sandbox: Sandbox) async throws -> Fixture {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let admin = directory.appendingPathComponent("admin.kubeconfig").path
            let limited = directory.appendingPathComponent("nobody.kubeconfig").path
            try sandbox.writeKubeconfig(to: admin, namespace: "demo")
            try sandbox.writeKubeconfig(to: limited, user: "nobody", namespace: "demo")
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            try await KubernetesClient.withKubernetesClient(config: sandbox.clusterConfig(namespace: "demo"), seed)
            return Fixture(sandbox: sandbox, kubeconfig: admin, nobodyKubeconfig: limited)
        }

        static func seed(_ client: KubernetesClient) async throws {
            func status(_ value: String) -> Patch { .merge(Data(value.utf8)) }
            var deployment = Deployment(metadata: ObjectMeta(name: "web", namespace: "demo", labels: ["app": "web"]))
            deployment.spec = .init(replicas: 3, selector: LabelSelector(matchLabels: ["app": "web"]))
            let created = try await client.create(deployment)
            _ = try await client.patch(
                Deployment.self, name: "web", subresource: "status", patch: status(#"{"status":{"replicas":3,"readyReplicas":3}}"#),
                returning: Deployment.self)
            for index in 0..<3 {
                var meta = ObjectMeta(name: "web-\(index)", namespace: "demo", labels: ["app": "web"])
                meta.ownerReferences = [
                    OwnerReference(
                        apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: created.metadata.uid ?? "", controller: true)
                ]
                _ = try await client.create(
                    Pod(metadata: meta, spec: PodSpec(nodeName: "node-1", containers: [Container(name: "c", image: "nginx")])))
                _ = try await client.patch(
                    Pod.self, name: "web-\(index)", subresource: "status",
                    patch: status(#"{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}"#), returning: Pod.self)
            }
        }

        /// A PodDisruptionBudget over the `web` pods whose status allows `allowing` disruptions.
        func addBudget(allowing: Int) async throws {
            try await KubernetesClient.withKubernetesClient(config: sandbox.clusterConfig(namespace: "demo")) { client in
                _ = try await client.create(
                    PodDisruptionBudget(
                        metadata: ObjectMeta(name: "web-pdb", namespace: "demo"),
                        spec: .init(minAvailable: .int(3), selector: LabelSelector(matchLabels: ["app": "web"]))))
                _ = try await client.patch(
                    PodDisruptionBudget.self, name: "web-pdb", subresource: "status",
                    patch: .merge(
                        Data(#"{"status":{"disruptionsAllowed":\#(allowing),"currentHealthy":3,"desiredHealthy":3,"expectedPods":3}}"#.utf8)
                    ),
                    returning: PodDisruptionBudget.self)
            }
        }
    }

    @Test("kill -o json evicts one pod and prints the contract's report")
    func killJSON() async throws {
        try await Fixture.with { fixture in
            let result = try await CLIRunner.run([
                "kill", "--kubeconfig", fixture.kubeconfig, "-n", "demo", "--seed", "42", "-o", "json", "--no-wait",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["schemaVersion"] as? Int == 3)
            #expect(report["seed"] as? Int == 42)
            #expect(report["mode"] as? String == "evict")
            #expect(report["dryRun"] as? String == "none")
            #expect(report["verdict"] as? String == "pass")
            for key in ["tool", "startedAt", "finishedAt", "selection", "kills"] { #expect(report[key] != nil, "missing \(key)") }
            let kills = try #require(report["kills"] as? [[String: Any]])
            #expect(kills.count == 1)
            #expect(kills.first?["result"] as? String == "killed")
            #expect((kills.first?["owner"] as? [String: Any])?["name"] as? String == "web")
            #expect(kills.first?.keys.contains("recovery") == true)
            let killID = try #require(kills.first?["killId"] as? String)
            #expect(killID.count == 26)
        }
    }

    @Test("The same seed picks the same pod in plan and in a client dry run")
    func planMatchesDryRun() async throws {
        try await Fixture.with { fixture in
            let plan = try await CLIRunner.run(["plan", "--kubeconfig", fixture.kubeconfig, "--seed", "9", "-o", "json", "--no-wait"])
            let dry = try await CLIRunner.run([
                "kill", "--kubeconfig", fixture.kubeconfig, "--seed", "9", "--dry-run", "-o", "json", "--no-wait",
            ])
            #expect(plan.status == 0 && dry.status == 0)
            let planned = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
            let victim = ((planned["victims"] as? [[String: Any]])?.first?["name"] as? String)
            let killed = (((report["kills"] as? [[String: Any]])?.first?["pod"] as? [String: Any])?["name"] as? String)
            #expect(victim != nil)
            #expect(victim == killed)
            #expect(report["dryRun"] as? String == "client")
        }
    }

    @Test("Environment variables set flags: PODCHAOSMONKEY_MODE=delete")
    func environmentFlags() async throws {
        try await Fixture.with { fixture in
            let result = try await CLIRunner.run(
                ["kill", "--kubeconfig", fixture.kubeconfig, "-o", "json", "--no-wait"],
                environment: ["PODCHAOSMONKEY_MODE": "delete", "PODCHAOSMONKEY_DRY_RUN": "server"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["mode"] as? String == "delete")
            #expect(report["dryRun"] as? String == "server")
        }
    }

    @Test("Exit 3 when nothing is eligible, with the reason in the report")
    func nothingEligible() async throws {
        try await Fixture.with { fixture in
            let result = try await CLIRunner.run([
                "kill", "--kubeconfig", fixture.kubeconfig, "-l", "app=nothing-matches", "-o", "json", "--no-wait",
            ])
            #expect(result.status == 3)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(report["verdict"] as? String == "nothing-killed")
        }
    }

    @Test(
        "Nothing killed: kill and plan exit 3, the report lists every pod with its reason, and one line names the cause",
        arguments: [
            (["--pdb-allows-0"], "disruption-budget", "held by PodDisruptionBudget demo/web-pdb (allows 0)"),
            (["--min-ready", "3"], "below-min-ready", "held by --min-ready 3 (Deployment demo/web has 3 ready)"),
            (["--max-kills", "0"], "max-kills", "--max-kills is 0"),
            (["-n", "probe-missing"], nil, "namespace probe-missing does not exist"),
        ])
    func nothingKilledSaysWhy(flags: [String], reason: String?, cause: String) async throws {
        try await Fixture.with { fixture in
            var flags = flags
            if flags == ["--pdb-allows-0"] {
                flags = []
                try await fixture.addBudget(allowing: 0)
            }
            let kill = try await CLIRunner.run(["kill", "--kubeconfig", fixture.kubeconfig, "-o", "json", "--no-wait"] + flags)
            #expect(kill.status == 3, "\(kill.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(kill.stdout.utf8)) as? [String: Any])
            #expect(report["verdict"] as? String == "nothing-killed")
            #expect(report["reason"] as? String == cause)
            let selection = try #require(report["selection"] as? [String: Any])
            let excluded = try #require(selection["excluded"] as? [[String: Any]])
            #expect(
                excluded.map { $0["reasons"] as? [String] ?? [] }
                    == Array(repeating: [reason].compactMap { $0 }, count: reason == nil ? 0 : 3))
            #expect((selection["missingNamespaces"] as? [String]) == (reason == nil ? ["probe-missing"] : []))
            #expect(kill.stderr.contains("nothing was killed (seed "), "\(kill.stderr)")
            #expect(kill.stderr.contains(cause), "\(kill.stderr)")

            let plan = try await CLIRunner.run(["plan", "--kubeconfig", fixture.kubeconfig, "-o", "wide"] + flags)
            #expect(plan.status == 3, "\(plan.stderr)")
            #expect(plan.stderr.contains(cause), "\(plan.stderr)")
            #expect(plan.stdout.contains("Would kill nothing: \(cause)."), "\(plan.stdout)")
            if let reason {
                #expect(plan.stdout.contains("after health: 3\n  after safety floor: \(reason == "max-kills" ? 3 : 0)"), "\(plan.stdout)")
                #expect(!plan.stdout.contains("after safety:"), "one stage is the safety floor: \(plan.stdout)")
                let rows = plan.stdout.split(separator: "\n").filter { $0.hasPrefix("demo/web-") && $0.hasSuffix(" \(reason)") }
                #expect(rows.count == 3, "\(plan.stdout)")
            }
        }
    }

    @Test(
        "SIGINT or SIGTERM during the recovery wait prints the report with what happened and exits 128 + the signal",
        arguments: [(SIGINT, "json", Int32(130)), (SIGTERM, "table", Int32(143))])
    func interrupted(signal: Int32, output: String, status: Int32) async throws {
        try await Fixture.with { fixture in
            // No controllers run in this sandbox: the victim is never replaced, so the wait lasts until the signal.
            let running = try CLIRunner.start(
                ["kill", "--kubeconfig", fixture.kubeconfig, "--seed", "4", "--recovery-timeout", "1h", "-o", output],
                captureStdout: true)
            #expect(await running.waitForStderr("waiting for 1 recovery", timeout: .seconds(60)), "\(running.stderr)")
            if signal == SIGINT { running.interrupt() } else { running.terminate() }
            let exit = await running.exitStatus(timeout: .seconds(60))
            #expect(exit == status, "\(running.stderr)")
            let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
            #expect(running.stderr.contains("interrupted by \(name)"), "\(running.stderr)")
            let stdout = try #require(running.stdout)
            if output == "json" {
                let report = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
                #expect(report["verdict"] as? String == "interrupted")
                #expect(report["reason"] as? String == "interrupted by \(name)")
                let kills = try #require(report["kills"] as? [[String: Any]])
                #expect(kills.map { $0["result"] as? String } == ["killed"])
                #expect((kills.first?["recovery"] as? [String: Any])?["verdict"] as? String == "interrupted")
            } else {
                #expect(stdout.contains("interrupted ("), "\(stdout)")
                #expect(stdout.contains("interrupted by \(name)"), "\(stdout)")
            }
        }
    }

    @Test("--count above --max-kills is capped, and both stderr and the report say so")
    func countCapped() async throws {
        try await Fixture.with { fixture in
            let result = try await CLIRunner.run([
                "kill", "--kubeconfig", fixture.kubeconfig, "--count", "5", "--per-owner", "3", "--min-ready", "0", "--dry-run", "-o",
                "json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("--count 5 is capped by --max-kills 1: at most 1 pod will be killed"), "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let count = try #require(report["count"] as? [String: Any])
            #expect(count["requested"] as? String == "5")
            #expect(count["maxKills"] as? Int == 1)
            #expect(count["target"] as? Int == 1)
            #expect(count["capped"] as? Bool == true)
            #expect((report["kills"] as? [Any])?.count == 1)
            let uncapped = try await CLIRunner.run(["kill", "--kubeconfig", fixture.kubeconfig, "--dry-run", "-o", "json"])
            #expect(uncapped.status == 0, "\(uncapped.stderr)")
            #expect(!uncapped.stderr.contains("capped"), "\(uncapped.stderr)")
        }
    }

    @Test("Exit 4 with the server's message when the token has no rights")
    func forbidden() async throws {
        try await Fixture.with { fixture in
            let result = try await CLIRunner.run(["kill", "--kubeconfig", fixture.nobodyKubeconfig])
            #expect(result.status == 4)
            #expect(result.stderr.contains("forbidden"))
            #expect(result.stderr.contains("User \"nobody\" cannot list resource \"pods\""))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test(
        "Exit 2 with one line naming the culprit",
        arguments: [
            (["kill", "-l", "app in (a"], "--selector"), (["kill", "--percent", "120"], "--percent"),
            (["plan", "--min-age", "soon"], "--min-age"),
            (["kill", "--include-name", "web-("], "--include-name"), (["kill", "--kinds", "Deploy-ment"], "--kinds"),
            (["kill", "--count", "2", "--all"], "--all"), (["kill", "--mode", "explode"], "--mode"),
            (["kill", "--max-kills", "x"], "--max-kills"), (["kill", "--count", "-1"], "--count: must be at least 1, got -1"),
            (["kill", "--count"], "--count"), (["kill", "--recovery-timeout", "0s"], "--recovery-timeout: must be more than 0"),
            (["plan", "--recovery-slo", "0s"], "--recovery-slo: must be more than 0"),
            (["kill", "--grace-period", "-1s"], "--grace-period"),
            (["kill", "--interval-between", "-5s"], "--interval-between"),
        ])
    func usageErrors(arguments: [String], culprit: String) async throws {
        let result = try await CLIRunner.run(arguments + ["--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(culprit), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test("A field selector the server rejects is the user's input: exit 2 naming the flag and the server's reason")
    func fieldSelectorRejected() async throws {
        try await Fixture.with { fixture in
            for command in ["kill", "plan"] {
                let result = try await CLIRunner.run([command, "--kubeconfig", fixture.kubeconfig, "--field-selector", "spec.foo=bar"])
                #expect(result.status == 2, "\(command): \(result.stderr)")
                #expect(result.stderr.contains("--field-selector \"spec.foo=bar\""), "\(result.stderr)")
                #expect(result.stderr.contains("field label not supported: spec.foo"), "\(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            }
        }
    }

    @Test("Exit 2 without any cluster configuration, naming where it looked and what to do")
    func noConfiguration() async throws {
        let result = try await CLIRunner.run(["kill"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".kube/config"))
        #expect(result.stderr.contains("--kubeconfig"))
        #expect(result.stderr.contains("podchaosmonkey demo"))
    }

    @Test("Exit 2 for a kubeconfig that does not exist")
    func missingKubeconfig() async throws {
        let result = try await CLIRunner.run(["plan", "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/kubeconfig"))
    }
}
