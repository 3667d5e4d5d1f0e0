import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// The client against a sandbox that does not listen, through `InProcessTransport`: the same API semantics as over
/// HTTPS (resourceVersions, 410, bookmarks, disruption budgets, UID preconditions, RBAC, injected faults, the request
/// log) without a socket. Nothing here needs threads of its own, so the suite has no `.dedicatedThreads`.
@Suite("KubeAPI client against the in-process sandbox")
struct InProcessSandboxTests {
    static let options = ClientOptions(
        qps: 0, retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1), maxDelay: .milliseconds(5)))

    static func pod(_ name: String, labels: [String: String] = ["app": "web"]) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: "demo", labels: labels),
            spec: PodSpec(nodeName: "node-1", containers: [Container(name: "nginx", image: "nginx")]))
    }

    static func withDemo<T>(
        _ options: SandboxOptions = SandboxOptions(controllers: false), _ body: (Sandbox, KubernetesClient) async throws -> T
    ) async throws -> T {
        try await withInProcessSandbox(options, namespace: "demo", clientOptions: Self.options) { sandbox, client in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            return try await body(sandbox, client)
        }
    }

    @Test("A watch from a list's resourceVersion sees exactly the changes after it, in order")
    func listThenWatch() async throws {
        try await Self.withDemo { _, client in
            _ = try await client.create(Self.pod("before"))
            let list = try await client.list(Pod.self)
            #expect(list.items.map(\.name) == ["before"])
            var events = client.watch(
                Pod.self,
                options: WatchOptions(resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: false, timeoutSeconds: 60)
            ).makeAsyncIterator()
            try await events.open()
            _ = try await client.create(Self.pod("after"))
            _ = try await client.delete(Pod.self, name: "before", options: DeleteOptions(gracePeriodSeconds: 0))
            var seen: [String] = []
            while seen.count < 2, let event = try await events.next() { seen.append("\(event.type) \(event.object?.name ?? "")") }
            #expect(seen == ["ADDED after", "DELETED before"])
        }
    }

    @Test("A watch from a resourceVersion the server has compacted away fails with 410 Expired")
    func expiredResourceVersion() async throws {
        try await Self.withDemo(SandboxOptions(watchHistorySize: 2, controllers: false)) { _, client in
            let start = try await client.list(Pod.self).metadata.resourceVersion
            for index in 0..<5 { _ = try await client.create(Self.pod("p\(index)")) }
            var events = client.watch(Pod.self, options: WatchOptions(resourceVersion: start, timeoutSeconds: 60)).makeAsyncIterator()
            let error = await #expect(throws: KubeAPIError.self) { _ = try await events.next() }
            #expect(error?.isWatchExpired == true)
        }
    }

    @Test("A quiet watch that asked for bookmarks gets one carrying the current resourceVersion")
    func bookmark() async throws {
        try await Self.withDemo(SandboxOptions(bookmarkInterval: .milliseconds(20), controllers: false)) { _, client in
            let start = try await client.list(Pod.self).metadata.resourceVersion
            var events = client.watch(
                Pod.self, options: WatchOptions(resourceVersion: start, allowWatchBookmarks: true, timeoutSeconds: 60)
            ).makeAsyncIterator()
            let event = try await events.next()
            #expect(event?.type == .bookmark)
            #expect(event?.object?.metadata.resourceVersion == start)
        }
    }

    @Test("An eviction a PodDisruptionBudget does not allow is refused with 429 and the pod stays")
    func budgetRefusesEviction() async throws {
        try await Self.withDemo { sandbox, client in
            let pod = try await client.create(Self.pod("guarded"))
            let running = #"{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}"#
            _ = try await client.patch(
                Pod.self, name: "guarded", subresource: "status", patch: .merge(Data(running.utf8)), returning: Pod.self)
            _ = try await sandbox.load(
                """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web, namespace: demo}
                spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
                """)
            let status = #"{"status":{"disruptionsAllowed":0,"currentHealthy":1,"desiredHealthy":1,"expectedPods":1}}"#
            _ = try await client.patch(
                PodDisruptionBudget.self, name: "web", subresource: "status", patch: .merge(Data(status.utf8)),
                returning: PodDisruptionBudget.self)
            let refusal = await #expect(throws: KubeAPIError.self) {
                _ = try await client.evict(name: "guarded", options: DeleteOptions(preconditions: .init(uid: pod.metadata.uid)))
            }
            #expect(refusal?.isDisruptionBudgetRefusal == true)
            #expect(try await client.get(Pod.self, name: "guarded").metadata.uid == pod.metadata.uid)
        }
    }

    @Test("A DELETE whose UID precondition names another pod is refused with 409 Conflict")
    func stalePrecondition() async throws {
        try await Self.withDemo { _, client in
            _ = try await client.create(Self.pod("victim"))
            let stale = await #expect(throws: KubeAPIError.self) {
                _ = try await client.delete(Pod.self, name: "victim", options: DeleteOptions(preconditions: .init(uid: "not-the-uid")))
            }
            #expect(stale?.isConflict == true)
            #expect(try await client.get(Pod.self, name: "victim").name == "victim")
        }
    }

    @Test("With RBAC on, a user without a binding is refused with 403 while the admin is served")
    func rbacForbids() async throws {
        let viewer = SandboxUser(name: "viewer", token: "viewer-token", groups: ["system:authenticated"])
        try await withInProcessSandbox(
            SandboxOptions(users: [.randomAdmin(), viewer], controllers: false, rbac: true), namespace: "demo", clientOptions: Self.options
        ) { sandbox, admin in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            #expect(try await admin.list(Pod.self).items.isEmpty)
            let refusal = try await withInProcessClient(
                sandbox, config: sandbox.clusterConfig(user: "viewer", namespace: "demo"), options: Self.options
            ) { limited in
                await #expect(throws: KubeAPIError.self) { _ = try await limited.list(Pod.self) }
            }
            #expect(refusal?.isForbidden == true)
        }
    }

    @Test("An injected 503 is retried by the client, and the request log counts exactly the attempts made")
    func injectedFaultRetried() async throws {
        try await Self.withDemo { sandbox, client in
            let before = await sandbox.requestCounts()
            await sandbox.addFault(
                FaultRule(
                    verb: "list", path: try #require(PathPattern("/api/v1/namespaces/demo/pods")), times: 1,
                    action: .status(InjectedStatus(code: 503))))
            #expect(try await client.list(Pod.self).items.isEmpty)
            let after = await sandbox.requestCounts()
            #expect(after.total - before.total == 2, "the 503 and its retry")
            #expect((after.byVerb["list"] ?? 0) - (before.byVerb["list"] ?? 0) == 2)
        }
    }

    @Test("A connection dropped before the request is retried for a read, and no port is bound")
    func droppedConnectionRetried() async throws {
        try await Self.withDemo { sandbox, client in
            await sandbox.addFault(
                FaultRule(
                    verb: "get", path: try #require(PathPattern("/api/v1/namespaces/demo/pods/*")), times: 1, action: .dropBeforeRequest))
            _ = try await client.create(Self.pod("p"))
            #expect(try await client.get(Pod.self, name: "p").name == "p")
            #expect(await sandbox.requests().filter { $0.verb == "get" }.count == 2)
            #expect(!sandbox.isListening)
            #expect(sandbox.port == 0)
            #expect(sandbox.connectionCounts.accepted == 0)
            let noCertificate = #expect(throws: SandboxError.self) { try sandbox.issueClientCertificate(user: "u") }
            #expect(noCertificate?.description == "a client certificate needs a sandbox that listens: start it with listen enabled")
        }
    }

    @Test(
        "A simulated restart breaks open watches as it breaks connections; the request that caused it is retried",
        .timeLimit(.minutes(1)))
    func restartBreaksWatches() async throws {
        try await Self.withDemo { sandbox, client in
            _ = try await client.create(Self.pod("p"))
            var events = client.watch(
                Pod.self, options: WatchOptions(resourceVersion: "0", allowWatchBookmarks: false, timeoutSeconds: 600)
            )
            .makeAsyncIterator()
            #expect(try await events.next()?.object?.name == "p")
            await sandbox.addFault(
                FaultRule(verb: "get", path: try #require(PathPattern("/api/v1/namespaces/demo/pods/p")), times: 1, action: .restart))
            #expect(try await client.get(Pod.self, name: "p").name == "p")
            let broken = await #expect(throws: KubeAPIError.self) { _ = try await events.next() }
            #expect(broken?.isTransport == true)
            // The sandbox ends the watch behind the broken stream (the test's time limit bounds this wait).
            for await count in await sandbox.store.activeWatchCounts() where count == 0 { break }
        }
    }

    @Test("Injected latency past the request timeout fails the request as a timeout, as over HTTP")
    func latencyPastTimeout() async throws {
        let options = ClientOptions(qps: 0, requestTimeout: .milliseconds(200), retry: .none)
        try await withInProcessSandbox(SandboxOptions(controllers: false), namespace: "demo", clientOptions: options) { sandbox, client in
            await sandbox.addFault(
                FaultRule(verb: "list", path: try #require(PathPattern("/api/v1/namespaces/demo/pods")), action: .latency(.seconds(3600))))
            let error = await #expect(throws: KubeAPIError.self) { _ = try await client.list(Pod.self) }
            #expect(error?.isTimeout == true)
        }
    }

    @Test("A reader that stops reading ends its watch on the sandbox", .timeLimit(.minutes(1)))
    func abandonedWatchEnds() async throws {
        try await Self.withDemo { sandbox, client in
            do {
                var events = client.watch(Pod.self, options: WatchOptions(allowWatchBookmarks: false, timeoutSeconds: 600))
                    .makeAsyncIterator()
                try await events.open()
                #expect(await sandbox.store.activeWatchCount == 1)
            }
            // The iterator is gone: the stream's end reaches the sandbox, which stops the watch.
            for await count in await sandbox.store.activeWatchCounts() where count == 0 { break }
            #expect(await sandbox.store.activeWatchCount == 0)
        }
    }
}
