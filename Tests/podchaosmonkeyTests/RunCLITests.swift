import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// `podchaosmonkey run` as a subprocess against a living sandbox.
@Suite("podchaosmonkey run as a subprocess", .dedicatedThreads, .serialized)
struct RunCLITests {
    struct Fixture {
        let sandbox: Sandbox
        let client: KubernetesClient
        let kubeconfig: String

        static let options = SandboxOptions(
            podTimings: PodLifecycleTimings(
                startDelay: .milliseconds(200), readyDelay: .milliseconds(200), terminationDelay: .milliseconds(100)))

        /// Runs `body` with a fresh fixture whose Deployment is ready, and shuts its client and sandbox down, whether
        /// `body` returned or threw.
        static func with<T>(_ body: (Fixture) async throws -> T) async throws -> T {
            try await withSandbox(options) { sandbox in
                let kubeconfig = try await prepare(sandbox)
                return try await KubernetesClient.withKubernetesClient(
                    config: sandbox.clusterConfig(namespace: "demo"), options: ClientOptions(qps: 0)
                ) { client in
                    let ready = try await eventuallyHolds { try await client.get(Deployment.self, name: "web").status?.readyReplicas == 3 }
                    try #require(ready, "Deployment demo/web never became ready")
                    return try await body(Fixture(sandbox: sandbox, client: client, kubeconfig: kubeconfig))
                }
            }
        }

        /// Writes a kubeconfig for `sandbox` and loads the annotated Deployment; returns the kubeconfig's path.
        private static func prepare(_ sandbox: Sandbox) async throws -> String {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-run-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let kubeconfig = directory.appendingPathComponent("admin.kubeconfig").path
            try sandbox.writeKubeconfig(to: kubeconfig, namespace: "demo")
            _ = try await sandbox.load(DemoWorkload.web)
            return kubeconfig
        }

        func podUIDs() async throws -> Set<String> {
            Set(try await client.list(Pod.self).items.filter { !$0.isTerminating }.compactMap(\.metadata.uid))
        }
    }

    @Test("run --once kills one pod of the annotated owner, waits for its recovery, and exits 0")
    func once() async throws {
        try await Fixture.with { fixture in
            let before = try await fixture.podUIDs()
            #expect(before.count == 3)
            let result = try await CLIRunner.run([
                "run", "--once", "--kubeconfig", fixture.kubeconfig, "--metrics-address", "127.0.0.1:0", "-n", "demo", "--mode", "delete",
                "--recovery-timeout", "20s",
                "--log-level", "info",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("decision=kill"), "\(result.stderr)")
            #expect(result.stderr.contains("result=killed"))
            #expect(result.stderr.contains("decision=verdict"))
            #expect(result.stderr.contains("verdict=recovered"))
            let after = try await fixture.podUIDs()
            #expect(before.subtracting(after).count == 1)
        }
    }

    @Test("run --once takes its flags from --config; a bad value in the file exits 2 naming the key")
    func configFile() async throws {
        try await Fixture.with { fixture in
            let directory = URL(fileURLWithPath: fixture.kubeconfig).deletingLastPathComponent()
            let good = directory.appendingPathComponent("run.yaml")
            try """
            kubeconfig: \(fixture.kubeconfig)
            namespace: [demo]
            mode: delete
            once: true
            metrics-address: "127.0.0.1:0"
            recovery-timeout: 20s
            min-time-between-kills-per-owner: 2h
            """.write(to: good, atomically: true, encoding: .utf8)
            let before = try await fixture.podUIDs()
            let result = try await CLIRunner.run(["run", "--config", good.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("decision=kill"), "\(result.stderr)")
            #expect(before.subtracting(try await fixture.podUIDs()).count == 1)

            let bad = directory.appendingPathComponent("bad.yaml")
            try "once: true\nmax-kills-per-hour: lots\n".write(to: bad, atomically: true, encoding: .utf8)
            let refused = try await CLIRunner.run(["run", "--config", bad.path])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("max-kills-per-hour"), "\(refused.stderr)")
            #expect(refused.stderr.contains("bad.yaml"), "\(refused.stderr)")
        }
    }

    @Test("run --once without any MTBF kills nothing and still exits 0")
    func onceWithoutMTBF() async throws {
        try await Fixture.with { fixture in
            _ = try await fixture.client.patch(
                Deployment.self, name: "web", patch: .merge(Data(#"{"metadata":{"annotations":{"podchaosmonkey.io/mtbf":null}}}"#.utf8)))
            let before = try await fixture.podUIDs()
            let result = try await CLIRunner.run([
                "run", "--once", "--kubeconfig", fixture.kubeconfig, "--metrics-address", "127.0.0.1:0", "--log-level", "info",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("reason=mtbf_not_due"), "\(result.stderr)")
            #expect(try await fixture.podUIDs() == before)
        }
    }

    @Test(
        "run --once --probe: the kill runs the probes, through the API server's service proxy; a steady state not met before kills nothing and is the skip steady_state_not_met"
    )
    func onceWithProbe() async throws {
        try await Fixture.with { fixture in
            let before = try await fixture.podUIDs()
            // No such Service: the proxy answers 404, so the steady state cannot hold.
            let result = try await CLIRunner.run([
                "run", "--once", "--kubeconfig", fixture.kubeconfig, "--metrics-address", "127.0.0.1:0", "-n", "demo", "--mode", "delete",
                "--log-level", "info", "--probe", "service:demo/missing:80/ name=web", "--probe-via", "proxy", "--probe-baseline", "1s",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("reason=steady_state_not_met"), "\(result.stderr)")
            #expect(result.stderr.contains("probe web: success ratio 0"), "\(result.stderr)")
            #expect(!result.stderr.contains("result=killed"), "\(result.stderr)")
            #expect(try await fixture.podUIDs() == before)
        }
    }

    @Test("run exits 0 promptly on SIGTERM")
    func sigterm() async throws {
        try await Fixture.with { fixture in
            let running = try CLIRunner.start([
                "run", "--kubeconfig", fixture.kubeconfig, "--metrics-address", "127.0.0.1:0", "--interval", "1h", "--log-level", "info",
            ])
            #expect(await running.waitForStderr("daemon started", timeout: .seconds(30)), "\(running.stderr)")
            let sent = ContinuousClock.now
            running.terminate()
            let status = await running.exitStatus(timeout: .seconds(30))
            #expect(status == 0, "\(running.stderr)")
            #expect(ContinuousClock.now - sent < .seconds(10))
            #expect(running.stderr.contains("stopped"))
        }
    }

    @Test("A status address that cannot be bound is a usage error: exit 2 naming the flag")
    func statusAddressTaken() async throws {
        try await Fixture.with { fixture in
            // The sandbox's own port is taken for as long as it runs.
            let result = try await CLIRunner.run([
                "run", "--once", "--kubeconfig", fixture.kubeconfig, "--metrics-address", "127.0.0.1:\(fixture.sandbox.port)",
            ])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("--metrics-address"), "\(result.stderr)")
        }
    }

    @Test(
        "Bad run flags exit 2 with one line naming the flag",
        arguments: [
            (["--interval", "soon"], "--interval"),
            (["--jitter", "1.5"], "--jitter"),
            (["--cron", "* *"], "--cron"),
            (["--interval", "5m", "--cron", "@hourly"], "mutually exclusive"),
            (["--timezone", "Mars/Olympus"], "--timezone"),
            (["--active-hours", "9-5"], "--active-hours"),
            (["--max-kills-per-hour", "-1"], "--max-kills-per-hour"),
            (["--min-time-between-kills-per-owner", "often"], "--min-time-between-kills-per-owner"),
            (["--default-mtbf", "2 days"], "--default-mtbf"),
            (["--count", "2"], "--count"),
            (["--max-kills", "0"], "--max-kills"),
            (["--webhook", "ftp://example"], "--webhook"),
            (["--metrics-address", "8080"], "--metrics-address"),
            (["--self-deployment", "web"], "--self-deployment"),
            (["--leader-elect", "maybe"], "--leader-elect"),
            (
                ["--leader-elect", "--leader-elect-lease-duration", "2s", "--leader-elect-renew-deadline", "2s"],
                "--leader-elect-lease-duration"
            ),
            (["--cron", "61 * * * *"], "minute 61"),
            (["--active-days", "Mon-Funday"], "--active-days"),
            (["--exclude-dates", "Feb30"], "--exclude-dates"),
            (["--webhook", "env:PCM_TEST_UNSET_WEBHOOK"], "PCM_TEST_UNSET_WEBHOOK"),
            (["--webhook-template", "/nonexistent.mustache", "--webhook", "http://127.0.0.1:9/x"], "/nonexistent.mustache"),
        ])
    func badFlags(arguments: [String], culprit: String) async throws {
        let result = try await CLIRunner.run(["run", "--kubeconfig", "/nonexistent"] + arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(culprit), "\(arguments): \(result.stderr)")
    }
}
