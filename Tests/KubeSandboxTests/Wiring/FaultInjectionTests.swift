import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// Each kind of injected fault, as the KubeAPI client (and kubectl) experience it.
@Suite(.dedicatedThreads) struct FaultInjectionTests {
    static let pods = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: demo, labels: {app: web}}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-2, namespace: demo, labels: {app: web}}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-3, namespace: demo, labels: {app: web}}
        spec: {containers: [{name: c, image: nginx}]}
        """

    static let retries = ClientOptions(
        qps: 0, retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), maxDelay: .milliseconds(50)))

    static func rules(_ yaml: String) throws -> FaultPlan {
        try FaultPlan.load(yaml: yaml)
    }

    static func withSandbox(
        faults: FaultPlan = FaultPlan(), options: ClientOptions = retries, _ body: (Sandbox, KubernetesClient) async throws -> Void
    ) async throws {
        try await KubeTesting.withSandbox(SandboxOptions(controllers: false, faults: faults)) { sandbox in
            do {
                try await sandbox.load(pods)
                try await KubernetesClient.withKubernetesClient(config: sandbox.clusterConfig(namespace: "demo"), options: options) {
                    try await body(sandbox, $0)
                }
            } catch {
                Issue.record(error)
            }
        }
    }

    /// How many requests with this verb reached this path (query ignored).
    static func count(_ sandbox: Sandbox, _ verb: String, _ path: String) async -> Int {
        await sandbox.requests().filter { $0.verb == verb && $0.path.split(separator: "?").first.map(String.init) == path }.count
    }

    @Test("A 503 set at start, then success: one successful call, two requests")
    func serviceUnavailableThenSuccess() async throws {
        let plan = try Self.rules("[{verb: get, path: /api/v1/namespaces/demo/pods/web-1, times: 1, action: {status: 503}}]")
        try await Self.withSandbox(faults: plan) { sandbox, client in
            let pod = try await client.get(Pod.self, name: "web-1")
            #expect(pod.metadata.name == "web-1")
            #expect(await Self.count(sandbox, "get", "/api/v1/namespaces/demo/pods/web-1") == 2)
        }
    }

    @Test("A 429 carries Retry-After and the TooManyRequests Status; the client waits that long and succeeds")
    func tooManyRequestsWithRetryAfter() async throws {
        try await Self.withSandbox { sandbox, client in
            await sandbox.setFaults(
                try Self.rules("[{verb: get, path: /api/v1/namespaces/demo/pods/*, times: 2, action: {status: 429, retryAfterSeconds: 1}}]")
            )
            let raw = try TestClient(sandbox)
            let refused = try await raw.send(.GET, "/api/v1/namespaces/demo/pods/web-1")
            await raw.shutdown()
            #expect(refused.status == 429)
            #expect(refused.headers.first(name: "Retry-After") == "1")
            #expect(refused.json?["reason"]?.stringValue == "TooManyRequests")
            #expect(refused.json?[path: ["details", "retryAfterSeconds"]]?.intValue == 1)
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await client.get(Pod.self, name: "web-2")
            #expect(clock.now - start >= .seconds(1))
            #expect(await Self.count(sandbox, "get", "/api/v1/namespaces/demo/pods/web-2") == 2)
        }
    }

    @Test("A connection dropped before the request is applied is retried by a GET")
    func droppedBeforeRequest() async throws {
        try await Self.withSandbox { sandbox, client in
            await sandbox.addFault(
                FaultRule(
                    verb: "get", path: try #require(PathPattern("/api/v1/namespaces/demo/pods/web-1")), times: 1, action: .dropBeforeRequest
                ))
            #expect(try await client.get(Pod.self, name: "web-1").metadata.name == "web-1")
            #expect(await Self.count(sandbox, "get", "/api/v1/namespaces/demo/pods/web-1") == 2)
        }
    }

    @Test("A DELETE applied but unanswered, retried under a UID precondition, is reported gone after the retry")
    func droppedAfterApplyingDelete() async throws {
        try await Self.withSandbox { sandbox, client in
            await sandbox.addFault(
                FaultRule(
                    verb: "delete", path: try #require(PathPattern("/api/v1/namespaces/demo/pods/*")), times: 1, action: .dropAfterApply))
            let pod = try await client.get(Pod.self, name: "web-1")
            let outcome = try await client.delete(
                Pod.self, name: "web-1", options: DeleteOptions(preconditions: .init(uid: pod.metadata.uid)))
            #expect(outcome == .goneAfterRetry)
            #expect(await Self.count(sandbox, "delete", "/api/v1/namespaces/demo/pods/web-1") == 2)
            await #expect(throws: (any Error).self) { try await sandbox.object("pods", namespace: "demo", name: "web-1") }
        }
    }

    @Test("A watch cut after N events ends the stream after exactly N", arguments: [0, 2])
    func watchCutAfterEvents(count: Int) async throws {
        try await Self.withSandbox { sandbox, client in
            await sandbox.addFault(
                FaultRule(verb: "watch", path: try #require(PathPattern("/**")), times: 1, action: .cutWatchAfterEvents(count)))
            var received = 0
            for try await _ in client.watch(Pod.self, options: WatchOptions(resourceVersion: "0", allowWatchBookmarks: false)) {
                received += 1
            }
            #expect(received == count)
        }
    }

    @Test("expireNextWatch answers the watch with the 410 ERROR event the client reports as expired")
    func expiredWatch() async throws {
        try await Self.withSandbox { sandbox, client in
            await sandbox.addFault(FaultRule(verb: "watch", path: try #require(PathPattern("/**")), times: 1, action: .expireNextWatch))
            var thrown: KubeAPIError?
            do {
                for try await _ in client.watch(Pod.self, options: WatchOptions(resourceVersion: "5")) {}
            } catch let error as KubeAPIError {
                thrown = error
            }
            #expect(thrown?.isWatchExpired == true)
            // Spent: the next watch streams normally (cut after one event so the test does not hold it open).
            await sandbox.addFault(
                FaultRule(verb: "watch", path: try #require(PathPattern("/**")), times: 1, action: .cutWatchAfterEvents(1)))
            var types: [KubeAPI.WatchEventType] = []
            for try await event in client.watch(Pod.self, options: WatchOptions(resourceVersion: "0", allowWatchBookmarks: false)) {
                types.append(event.type)
            }
            #expect(types == [.added])
        }
    }

    @Test("A restart drops every connection, watches included, and keeps the state")
    func restartKeepsState() async throws {
        try await Self.withSandbox { sandbox, client in
            var watch = client.watch(Pod.self, options: WatchOptions(resourceVersion: "0", allowWatchBookmarks: false)).makeAsyncIterator()
            for _ in 0..<3 { _ = try await watch.next() }
            await sandbox.addFault(
                FaultRule(verb: "get", path: try #require(PathPattern("/api/v1/namespaces/demo/pods/web-2")), times: 1, action: .restart))
            try await KubernetesClient.withKubernetesClient(
                config: sandbox.clusterConfig(namespace: "demo"), options: ClientOptions(qps: 0, retry: .none)
            ) { single in
                _ = await #expect(throws: KubeAPIError.self) { try await single.get(Pod.self, name: "web-2") }
            }
            // The watch's connection went too: its stream ends (or fails) instead of waiting for events.
            let ended: Bool
            do {
                ended = try await watch.next() == nil
            } catch {
                ended = true
            }
            #expect(ended)
            #expect(try await client.list(Pod.self).items.count == 3)
        }
    }

    @Test("Latency delays the answer by at least the given duration")
    func latency() async throws {
        try await Self.withSandbox { sandbox, client in
            await sandbox.setFaults(
                try Self.rules("[{verb: list, path: /api/v1/namespaces/demo/pods, times: 1, action: {latency: 300ms}}]"))
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await client.list(Pod.self).items.count == 3)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test("Latency waits on the sandbox's fault clock when it is given one: the answer comes once that clock has moved on")
    func latencyOnTheFaultClock() async throws {
        let time = SteppingClock()
        var options = SandboxOptions(controllers: false)
        options.faultClock = time
        try await withInProcessSandbox(options, namespace: "demo") { sandbox, client in
            _ = try await sandbox.load(Self.pods)
            await sandbox.addFault(
                FaultRule(verb: "list", path: try #require(PathPattern("/api/v1/namespaces/demo/pods")), action: .latency(.seconds(2))))
            async let listed = client.list(Pod.self).items.count
            // The request is held until exactly 2 s of the fault clock have passed, however long the wall clock runs.
            let deadlines = await time.sleeping { !$0.isEmpty }
            #expect(deadlines.map(\.offset) == [.seconds(2)])
            time.advance(by: .seconds(2))
            #expect(try await listed == 3)
        }
    }

    @Test("The /sandbox/faults endpoint adds, shows and clears rules for system:masters only")
    func adminEndpoint() async throws {
        let viewer = SandboxUser(name: "viewer", token: "viewer-token")
        try await KubeTesting.withSandbox(SandboxOptions(users: [.randomAdmin(), viewer], controllers: false)) { sandbox in
            let client = try TestClient(sandbox)
            do {
                let rule = Data(#"{"rules":[{"verb":"list","path":"/api/v1/namespaces","times":1,"action":{"status":503}}]}"#.utf8)
                #expect(try await client.send(.POST, "/sandbox/faults", body: rule, token: "viewer-token").status == 403)
                #expect(try await client.send(.GET, "/sandbox/faults", token: "viewer-token").status == 403)
                let added = try await client.send(.POST, "/sandbox/faults", body: rule)
                #expect(added.status == 200)
                #expect(added.json?["rules"]?.arrayValue?.count == 1)
                #expect(try await client.send(.GET, "/api/v1/namespaces").status == 503)
                #expect(try await client.send(.GET, "/sandbox/faults").json?["fired"] == .array([.number(1)]))
                #expect(try await client.send(.POST, "/sandbox/faults", body: Data("{rules: 3}".utf8)).status == 400)
                #expect(try await client.send(.DELETE, "/sandbox/faults").json?["rules"] == .array([]))
                #expect(await sandbox.faults.plan.isEmpty)
            } catch {
                Issue.record(error)
            }
            await client.shutdown()
        }
    }

    @Test("/sandbox/requests counts the requests served by verb, not its own, for system:masters only")
    func requestCountsEndpoint() async throws {
        let viewer = SandboxUser(name: "viewer", token: "viewer-token")
        try await KubeTesting.withSandbox(SandboxOptions(users: [.randomAdmin(), viewer], controllers: false)) { sandbox in
            let client = try TestClient(sandbox)
            do {
                #expect(try await client.send(.GET, "/sandbox/requests", token: "viewer-token").status == 403)
                #expect(try await client.send(.DELETE, "/sandbox/requests").status == 405)
                #expect(try await client.send(.GET, "/api/v1/namespaces").status == 200)
                #expect(try await client.send(.GET, "/api/v1/namespaces/default").status == 200)
                #expect(try await client.send(.GET, "/api/v1/namespaces/nowhere/pods").status == 200)
                let counts = try await client.send(.GET, "/sandbox/requests")
                #expect(counts.status == 200)
                #expect(counts.json?["total"] == .number(3))
                #expect(counts.json?["byVerb"] == .object(["list": .number(2), "get": .number(1)]))
                #expect(await sandbox.requestCounts().total == 3)
            } catch {
                Issue.record(error)
            }
            await client.shutdown()
        }
    }

    @Test("A rule naming a user leaves other users' requests alone")
    func userScopedRule() async throws {
        try await Self.withSandbox { sandbox, client in
            await sandbox.addFault(
                FaultRule(path: try #require(PathPattern("/api/**")), user: "someone-else", action: .status(InjectedStatus(code: 500))))
            #expect(try await client.list(Pod.self).items.count == 3)
        }
    }

    @Test(
        "kubectl retries an injected 503 with Retry-After and succeeds",
        .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"))
    func kubectlRetriesInjectedUnavailability() async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        try await Self.withSandbox { sandbox, _ in
            await sandbox.setFaults(
                try Self.rules("[{verb: list, path: /api/v1/namespaces/demo/pods, times: 1, action: {status: 503, retryAfterSeconds: 1}}]"))
            let kubectl = try Kubectl(sandbox)
            let result = try await kubectl.run(["get", "pods", "-n", "demo", "-o", "name"])
            kubectl.cleanUp()
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").count == 3)
            #expect(await Self.count(sandbox, "list", "/api/v1/namespaces/demo/pods") == 2)
        }
    }
}
