import AsyncHTTPClient
import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// `podchaosmonkey run` as a long-running service: two replicas on one Lease, the status server, webhooks and pauses,
/// each process a real subprocess against a living sandbox.
@Suite("podchaosmonkey run as a daemon", .dedicatedThreads, .serialized)
struct RunDaemonCLITests {
    /// Short leader-election timings so a failover takes seconds; the ratios are client-go's.
    static func daemonArguments(_ fixture: RunCLITests.Fixture) -> [String] {
        [
            "run", "--kubeconfig", fixture.kubeconfig, "-n", "demo", "--mode", "delete", "--interval", "300ms",
            "--metrics-address", "127.0.0.1:0", "--recovery-timeout", "20s",
        ]
    }

    static let leaderElection = [
        "--leader-elect", "--lease-namespace", "demo", "--leader-elect-lease-duration", "4s",
        "--leader-elect-renew-deadline", "3s", "--leader-elect-retry-period", "250ms",
    ]

    @Test("Two replicas on one Lease: only the leader kills; SIGTERM releases the Lease; the successor inherits the history")
    func leaderElection() async throws {
        try await RunCLITests.Fixture.with { fixture in
            let arguments = Self.daemonArguments(fixture) + Self.leaderElection
            let first = try CLIRunner.start(arguments)
            let second = try CLIRunner.start(arguments)
            defer {
                first.terminate()
                second.terminate()
            }

            let leaderStarted = await Self.firstOf([first, second], logging: "decision=verdict", timeout: .seconds(40))
            let leader = try #require(leaderStarted, "no replica killed: \(first.stderr)\n---\n\(second.stderr)")
            let follower = leader === first ? second : first
            #expect(await follower.waitForStderr("reason=not_leader", timeout: .seconds(10)), "\(follower.stderr)")
            #expect(Self.count("decision=kill", in: follower.stderr) == 0, "\(follower.stderr)")
            #expect(Self.count("decision=kill", in: leader.stderr) == 1, "\(leader.stderr)")

            let lease = try await fixture.client.get(Lease.self, namespace: "demo", name: "podchaosmonkey")
            let leaderIdentity = try #require(Self.value(of: "identity", after: "acquired the lease", in: leader.stderr))
            #expect(lease.spec?.holderIdentity == leaderIdentity)
            #expect(lease.metadata.annotations?["podchaosmonkey.io/history"]?.contains("demo/Deployment/web") == true)

            // The status server of each replica says who leads.
            let leaderMetrics = try await Self.get("/metrics", from: leader)
            #expect(leaderMetrics.status == 200)
            #expect(leaderMetrics.body.contains("podchaosmonkey_leader 1"), "\(leaderMetrics.body)")
            #expect(leaderMetrics.body.contains("podchaosmonkey_build_info{version=\""))
            #expect(leaderMetrics.body.contains(#"podchaosmonkey_kills_total{namespace="demo",owner_kind="Deployment""#))
            let followerMetrics = try await Self.get("/metrics", from: follower)
            #expect(followerMetrics.body.contains("podchaosmonkey_leader 0"), "\(followerMetrics.body)")
            #expect(followerMetrics.body.contains(#"podchaosmonkey_skipped_ticks_total{reason="not_leader"}"#))

            // SIGTERM: the leader stops, releases the Lease and exits 0; the follower takes over well before the lease
            // duration (4 s) a crashed leader would have made it wait.
            let stopped = ContinuousClock.now
            leader.terminate()
            #expect(await leader.exitStatus(timeout: .seconds(30)) == 0, "\(leader.stderr)")
            #expect(leader.stderr.contains("released the lease"), "\(leader.stderr)")
            #expect(await follower.waitForStderr("acquired the lease", timeout: .seconds(10)), "\(follower.stderr)")
            #expect(ContinuousClock.now - stopped < .seconds(4), "the successor waited out the lease: was it released?")

            // The successor read the history from the Lease: web was killed less than --min-time-between-kills-per-owner
            // (1h) ago, so it is skipped, not killed again.
            #expect(await follower.waitForStderr("reason=owner_cooldown", timeout: .seconds(10)), "\(follower.stderr)")
            #expect(Self.count("decision=kill", in: follower.stderr) == 0, "\(follower.stderr)")

            follower.terminate()
            #expect(await follower.exitStatus(timeout: .seconds(30)) == 0, "\(follower.stderr)")
            let released = try await fixture.client.get(Lease.self, namespace: "demo", name: "podchaosmonkey")
            #expect(released.spec?.holderIdentity ?? "" == "", "\(follower.stderr)")
            #expect(released.spec?.leaseTransitions == 1)
        }
    }

    @Test("/readyz and /plan answer what docs/daemon.md documents")
    func statusEndpoints() async throws {
        try await RunCLITests.Fixture.with { fixture in
            let daemon = try CLIRunner.start(Self.daemonArguments(fixture))
            defer { daemon.terminate() }
            // /plan describes the last tick: wait for one after the kill's recovery.
            #expect(await daemon.waitForStderr("reason=owner_cooldown", timeout: .seconds(40)), "\(daemon.stderr)")

            let ready = try await Self.get("/readyz", from: daemon)
            #expect(ready.status == 200, "\(ready.body)")
            #expect(ready.body.contains("[+]api ok"))
            #expect(ready.body.contains("[+]leadership ok"))

            let plan = try await Self.get("/plan", from: daemon)
            #expect(plan.status == 200)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(plan.body.utf8)) as? [String: Any])
            #expect(json["nextTick"] is String)
            #expect(json["leading"] as? Bool == true)
            #expect(json["budgets"] is [String: Any])
            let owners = try #require(json["eligibleOwners"] as? [[String: Any]])
            let web = try #require(owners.first { $0["name"] as? String == "web" })
            #expect(web["mtbf"] as? String == "1ms")
            #expect(web["lastKill"] is String)
            #expect(web["cooldownUntil"] is String)

            #expect(try await Self.get("/healthz", from: daemon).status == 200)
            daemon.terminate()
            #expect(await daemon.exitStatus(timeout: .seconds(30)) == 0)
        }
    }

    @Test(
        "A paused namespace is skipped until the annotation goes; the webhook then receives the kill and its verdict",
        .timeLimit(.minutes(3)))
    func pauseAndWebhook() async throws {
        try await RunCLITests.Fixture.with { fixture in
            _ = try await fixture.client.patch(
                Namespace.self, name: "demo",
                patch: .merge(Data(#"{"metadata":{"annotations":{"podchaosmonkey.io/paused":"true"}}}"#.utf8)))
            let before = try await fixture.podUIDs()

            try await WebhookReceiver.with { receiver in
                let daemon = try CLIRunner.start(Self.daemonArguments(fixture) + ["--webhook", receiver.url()])
                defer { daemon.terminate() }
                #expect(await daemon.waitForStderr("reason=paused", timeout: .seconds(30)), "\(daemon.stderr)")
                #expect(Self.count("decision=kill", in: daemon.stderr) == 0)
                #expect(try await fixture.podUIDs() == before)

                _ = try await fixture.client.patch(
                    Namespace.self, name: "demo",
                    patch: .merge(Data(#"{"metadata":{"annotations":{"podchaosmonkey.io/paused":null}}}"#.utf8)))
                #expect(await daemon.waitForStderr("decision=verdict", timeout: .seconds(40)), "\(daemon.stderr)")

                let bodies = try await receiver.waitForRequests(2).map { try $0.json() }
                #expect(bodies.map { $0["event"] as? String } == ["kill", "verdict"])
                let kill = try #require(bodies.first)
                let verdict = try #require(bodies.last)
                #expect(kill["killId"] as? String == verdict["killId"] as? String)
                #expect((kill["pod"] as? [String: Any])?["namespace"] as? String == "demo")
                #expect((kill["owner"] as? [String: Any])?["name"] as? String == "web")
                #expect(kill["recovery"] is NSNull)
                #expect((verdict["recovery"] as? [String: Any])?["verdict"] as? String == "recovered")
                // The URL's path and query are secrets: never logged.
                #expect(!daemon.stderr.contains("xoxSECRET") && !daemon.stderr.contains("QUERYSECRET"))

                daemon.terminate()
                #expect(await daemon.exitStatus(timeout: .seconds(30)) == 0, "\(daemon.stderr)")
            }
        }
    }

    // MARK: - Helpers

    /// The first process whose stderr shows `text`.
    static func firstOf(_ processes: [CLIRunner.Running], logging text: String, timeout: Duration) async -> CLIRunner.Running? {
        (try? await eventually(within: timeout) { processes.first { $0.stderr.contains(text) } }) ?? nil
    }

    static func count(_ text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    /// `key=value` on the first log line that contains `message`.
    static func value(of key: String, after message: String, in output: String) -> String? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains(message) }) else { return nil }
        return line.split(separator: " ").first { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    /// GET `path` from the status server the process logged it listens on.
    static func get(_ path: String, from process: CLIRunner.Running) async throws -> (status: UInt, body: String) {
        #expect(await process.waitForStderr("status server listening", timeout: .seconds(30)))
        let address = try #require(value(of: "address", after: "status server listening", in: process.stderr))
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://\(address)\(path)"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        return (response.status.code, String(buffer: body))
    }
}
