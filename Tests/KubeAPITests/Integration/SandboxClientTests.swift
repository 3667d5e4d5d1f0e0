import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

/// The client against the embedded API server over HTTPS with a bearer token: the real HTTP path end to end.
@Suite("KubeAPI client against the sandbox", .dedicatedThreads)
struct SandboxClientTests {
    static func pod(_ name: String, node: String? = "node-1", labels: [String: String] = ["app": "web"]) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: "demo", labels: labels),
            spec: PodSpec(nodeName: node, containers: [Container(name: "nginx", image: "nginx")]))
    }

    static func withSandbox<R>(
        _ options: SandboxOptions = SandboxOptions(controllers: false), _ body: (Sandbox, KubernetesClient) async throws -> R
    ) async throws -> R {
        try await KubeTesting.withSandbox(options) { sandbox in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            return try await withClient(sandbox.clusterConfig(namespace: "demo"), options: .testing()) { try await body(sandbox, $0) }
        }
    }

    @Test("Create, get, and a paged list that returns every pod exactly once, in order")
    func createGetList() async throws {
        try await Self.withSandbox { sandbox, client in
            for index in 0..<25 { _ = try await client.create(Self.pod("web-\(index)")) }
            let fetched = try await client.get(Pod.self, name: "web-7")
            #expect(fetched.metadata.uid?.isEmpty == false)
            #expect(fetched.metadata.creationTimestamp != nil)
            let before = await sandbox.faults.requests.count
            var names: [String] = []
            for try await pod in client.listAll(Pod.self, pageSize: 10).items { names.append(pod.name) }
            let lists = await sandbox.faults.requests.dropFirst(before).filter { $0.verb == "list" }
            #expect(lists.count == 3)
            #expect(names == (try await client.list(Pod.self).items.map(\.name)), "the server's order, in one page")
            #expect(Set(names).count == 25)
            let selected = try await client.list(Pod.self, options: ListOptions(labelSelector: "app=web,index notin (x)"))
            #expect(selected.items.count == 25)
        }
    }

    @Test("Errors come back typed, with the server's message")
    func typedErrors() async throws {
        try await Self.withSandbox { _, client in
            let missing = await expectAPIError { try await client.get(Pod.self, name: "no-such-pod") }
            #expect(missing?.isNotFound == true)
            #expect(
                missing?.description == "not found: cannot get pods \"no-such-pod\" in namespace \"demo\": pods \"no-such-pod\" not found")
            _ = try await client.create(Self.pod("dup"))
            let duplicate = await expectAPIError { try await client.create(Self.pod("dup")) }
            #expect(duplicate?.isAlreadyExists == true)
        }
    }

    @Test("A Service answers through the proxy from a ready pod, and with the server's 503 when it has none")
    func serviceProxy() async throws {
        try await Self.withSandbox { sandbox, client in
            try await sandbox.load(
                """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: demo}
                spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web-1, namespace: demo, labels: {app: web}}
                spec: {nodeName: node-1, containers: [{name: c, image: nginx}]}
                status: {phase: Running, podIP: 10.244.0.2, conditions: [{type: Ready, status: "True"}]}
                """)
            let answered = try await client.proxy(service: "web", namespace: "demo", port: "80", path: "/", timeout: .seconds(30))
            #expect(answered == ProxyAnswer(status: 200, body: "sandbox pod web-1"))
            _ = try await client.delete(Pod.self, name: "web-1", options: DeleteOptions(gracePeriodSeconds: 0))
            let refused = try await client.proxy(service: "web", namespace: "demo", port: nil, path: "/", timeout: .seconds(30))
            #expect(refused.status == 503)
            #expect(refused.reason == "ServiceUnavailable")
            #expect(refused.message == #"no endpoints available for service "web""#)
            let missing = try await client.proxy(service: "nope", namespace: "demo", port: "80", path: "/", timeout: .seconds(30))
            #expect(missing.status == 404)
            #expect(missing.message == #"services "nope" not found"#)
        }
    }

    @Test("A wrong token is refused with 401")
    func unauthorized() async throws {
        try await KubeTesting.withSandbox(SandboxOptions(controllers: false)) { sandbox in
            var config = sandbox.clusterConfig()
            config.credentials = .fixed(Credentials(bearerToken: "not-a-valid-token"))
            let error = await expectAPIError { try await withClient(config) { try await $0.list(Pod.self) } }
            #expect(error?.isUnauthorized == true)
        }
    }

    @Test("DELETE with a stale UID precondition is refused; with the right one a scheduled pod starts terminating")
    func guardedDelete() async throws {
        try await Self.withSandbox { _, client in
            let created = try await client.create(Self.pod("victim"))
            let stale = await expectAPIError {
                try await client.delete(Pod.self, name: "victim", options: DeleteOptions(preconditions: .init(uid: "not-the-uid")))
            }
            #expect(stale?.isConflict == true)
            let outcome = try await client.delete(
                Pod.self, name: "victim", options: DeleteOptions(gracePeriodSeconds: 30, preconditions: .init(uid: created.metadata.uid)))
            #expect(outcome == .accepted)
            let terminating = try await client.get(Pod.self, name: "victim")
            #expect(terminating.isTerminating)
            #expect(terminating.metadata.deletionGracePeriodSeconds == 30)
            let again = try await client.delete(Pod.self, name: "gone-already")
            #expect(again == .alreadyGone)
        }
    }

    @Test("Eviction: server dry-run changes nothing, a real one removes the pod")
    func eviction() async throws {
        try await Self.withSandbox { _, client in
            let created = try await client.create(Self.pod("evictee", node: nil))
            let dry = try await client.evict(
                name: "evictee", options: DeleteOptions(preconditions: .init(uid: created.metadata.uid), dryRun: ["All"]))
            #expect(dry == .accepted)
            #expect(try await client.get(Pod.self, name: "evictee").isTerminating == false)
            let real = try await client.evict(name: "evictee", options: DeleteOptions(preconditions: .init(uid: created.metadata.uid)))
            #expect(real == .accepted)
            let after = await expectAPIError { try await client.get(Pod.self, name: "evictee") }
            #expect(after?.isNotFound == true, "an unscheduled pod is removed at once")
        }
    }

    @Test("The scale subresource reads and sets a Deployment's replicas")
    func scale() async throws {
        try await Self.withSandbox { sandbox, client in
            _ = try await sandbox.load(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: demo}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: nginx, image: nginx}]}
                """)
            #expect(try await client.scale(Deployment.self, name: "web").spec?.replicas == 3)
            _ = try await client.setReplicas(Deployment.self, name: "web", replicas: 0)
            #expect(try await client.get(Deployment.self, name: "web").spec?.replicas == 0)
        }
    }

    @Test("A watch sees ADDED, MODIFIED and DELETED in order")
    func watch() async throws {
        try await Self.withSandbox { _, client in
            let start = try await client.list(Pod.self).metadata.resourceVersion
            let watcher = Task {
                var seen: [String] = []
                for try await event in client.watch(
                    Pod.self, options: WatchOptions(resourceVersion: start, allowWatchBookmarks: false, timeoutSeconds: 5))
                {
                    seen.append("\(event.type) \(event.object?.name ?? "")")
                    if seen.count == 3 { break }
                }
                return seen
            }
            _ = try await client.create(Self.pod("w", node: nil))
            _ = try await client.patch(Pod.self, name: "w", patch: .merge(Data(#"{"metadata":{"labels":{"x":"y"}}}"#.utf8)))
            _ = try await client.delete(Pod.self, name: "w")
            #expect(try await watcher.value == ["ADDED w", "MODIFIED w", "DELETED w"])
        }
    }

    @Test("A client certificate authenticates a watch, which goes over HTTP/1.1 where the TLS session is the connection's own")
    func clientCertificateWatch() async throws {
        try await KubeTesting.withSandbox(SandboxOptions(controllers: false, rbac: true)) { sandbox in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            _ = try await sandbox.load(
                "apiVersion: v1\nkind: Pod\nmetadata: {name: w, namespace: demo}\nspec: {containers: [{name: c, image: nginx}]}\n")
            let certificate = try sandbox.issueClientCertificate(user: "root", groups: ["system:masters"])
            try await withClient(sandbox.clusterConfig(clientCertificate: certificate, namespace: "demo"), options: .testing()) { client in
                // The first list comes over HTTP/2; the watch after it over HTTP/1.1, and a watch event only after it.
                var events = Reflector<Pod>(client: client, namespace: "demo").events().makeAsyncIterator()
                var seen: [String] = []
                while seen.count < 2, let event = try await events.next() {
                    if case .synced = event { _ = try await client.create(Self.pod("late")) }
                    if case .added(let pod) = event { seen.append(pod.name) }
                }
                #expect(seen == ["w", "late"])
            }
            let watches = await sandbox.requests().filter { $0.verb == "watch" }
            #expect(watches.count >= 1)
            #expect(watches.allSatisfy { $0.user == "root" }, "\(watches)")
        }
    }

    @Test("The reflector keeps a consistent view through a burst of creates and a delete")
    func reflectorRelists() async throws {
        try await Self.withSandbox(SandboxOptions(watchHistorySize: 3, controllers: false)) { sandbox, client in
            _ = try await client.create(Self.pod("keep", node: nil))
            let backoff = RetryPolicy(maxAttempts: .max, initialDelay: .milliseconds(10), maxDelay: .milliseconds(50))
            var iterator = Reflector<Pod>(client: client, namespace: "demo", backoff: backoff).events().makeAsyncIterator()
            var state: Set<String> = []
            func drainUntil(_ done: (Set<String>) -> Bool) async throws {
                while !done(state), let event = try await iterator.next() {
                    switch event {
                    case .added(let pod), .modified(let pod): state.insert(pod.name)
                    case .deleted(let pod): state.remove(pod.name)
                    case .synced(let pods): state = Set(pods.map(\.name))
                    }
                }
            }
            try await drainUntil { $0 == ["keep"] }
            for index in 0..<10 { _ = try await client.create(Self.pod("burst-\(index)", node: nil)) }
            _ = try await client.delete(Pod.self, name: "keep")
            try await drainUntil { $0.count == 10 && !$0.contains("keep") }
            #expect(state == Set((0..<10).map { "burst-\($0)" }))
        }
    }
}
