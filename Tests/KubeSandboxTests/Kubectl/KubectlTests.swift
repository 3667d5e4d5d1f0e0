import Foundation
import KubeSandbox
import KubeTesting
import Testing

/// kubectl as an independent client over HTTPS with a bearer token.
// Disabled when /usr/bin/kubectl is missing, unless PODCHAOSMONKEY_REQUIRE_KUBECTL=1 (CI) makes that a failure.
@Suite(.dedicatedThreads, .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"))
struct KubectlTests {
    /// Starts a sandbox with namespace `demo`, runs `body` with kubectl pointed at it, and cleans up.
    private func withKubectl(_ body: (Sandbox, Kubectl) async throws -> Void) async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        try await withSandbox(SandboxOptions(controllers: false, rbac: true)) { sandbox in
            let kubectl = try Kubectl(sandbox)
            do {
                try await sandbox.load(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"}}"#)
                try await body(sandbox, kubectl)
            } catch {
                Issue.record(error)
            }
            kubectl.cleanUp()
        }
    }

    @Test func createFromYAMLThenGetAsJSONRoundTrips() async throws {
        try await withKubectl { sandbox, kubectl in
            let manifest = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: demo
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
                """
            let created = try await kubectl.run(["create", "-f", "-"], stdin: manifest)
            #expect(created.exitCode == 0, "\(created.stderr)")
            #expect(created.stdout.contains("pod/web created"))

            let fetched = try await kubectl.run(["get", "pod", "web", "-n", "demo", "-o", "json"])
            #expect(fetched.exitCode == 0, "\(fetched.stderr)")
            let object = try JSONValue(data: Data(fetched.stdout.utf8))
            let stored = try await sandbox.object("pods", namespace: "demo", name: "web")
            #expect(object == stored)
            #expect(object[path: ["metadata", "labels", "app"]]?.stringValue == "web")
        }
    }

    @Test func getPrintsATableWithPodColumns() async throws {
        try await withKubectl { sandbox, kubectl in
            try await sandbox.load(
                #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"demo"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}"#
            )
            let listed = try await kubectl.run(["get", "pods", "-n", "demo"])
            #expect(listed.exitCode == 0, "\(listed.stderr)")
            let lines = listed.stdout.split(separator: "\n")
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"])
            #expect(lines.dropFirst().first?.hasPrefix("web ") == true)

            let all = try await kubectl.run(["get", "pods", "-A"])
            #expect(all.exitCode == 0, "\(all.stderr)")
            #expect(all.stdout.contains("demo") && all.stdout.contains("web"))
        }
    }

    @Test func deleteRemovesThePod() async throws {
        try await withKubectl { sandbox, kubectl in
            try await sandbox.load(
                #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"demo"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}"#
            )
            let deleted = try await kubectl.run(["delete", "pod", "web", "-n", "demo"])
            #expect(deleted.exitCode == 0, "\(deleted.stderr)")
            #expect(deleted.stdout.contains("pod \"web\" deleted"))
            #expect(try await sandbox.objects("pods", namespace: "demo").isEmpty)

            let missing = try await kubectl.run(["get", "pod", "web", "-n", "demo"])
            #expect(missing.exitCode != 0)
            #expect(missing.stderr.contains("pods \"web\" not found"))
        }
    }

    @Test func getWatchSeesAddedModifiedAndDeleted() async throws {
        try await withKubectl { sandbox, kubectl in
            let watch = try kubectl.start(["get", "pods", "-n", "demo", "-w", "--output-watch-events", "-o", "json"])
            let pods = ResourceCatalog.pods
            // kubectl lists before it watches; wait until the watch is open so no event falls in between.
            try await waitForWatchers(sandbox, count: 1)
            _ = try await sandbox.store.create(pods, namespace: "demo", Objects.pod("web", namespace: "demo"))
            _ = try await sandbox.store.modify(pods, namespace: "demo", name: "web") { pod in
                var next = pod
                next[path: ["metadata", "labels", "touched"]] = .string("yes")
                return next
            }
            _ = try await sandbox.store.delete(pods, namespace: "demo", name: "web")
            let output = try await watch.waitForOutput { $0.contains("\"DELETED\"") }
            _ = watch.finish()
            let types = try Self.jsonDocuments(output).compactMap { $0["type"]?.stringValue }
            #expect(types == ["ADDED", "MODIFIED", "DELETED"])
        }
    }

    @Test func labelAndFieldSelectorsFilterTheList() async throws {
        try await withKubectl { sandbox, kubectl in
            let pods = ResourceCatalog.pods
            _ = try await sandbox.store.create(
                pods, namespace: "demo", Objects.pod("web-1", namespace: "demo", labels: ["app": "web"], node: "n1"))
            _ = try await sandbox.store.create(
                pods, namespace: "demo", Objects.pod("web-2", namespace: "demo", labels: ["app": "web"], node: "n2"))
            _ = try await sandbox.store.create(
                pods, namespace: "demo", Objects.pod("db-1", namespace: "demo", labels: ["app": "db"], node: "n1"))
            let byLabel = try await kubectl.run(["get", "pods", "-n", "demo", "-l", "app=web", "-o", "name"])
            #expect(byLabel.exitCode == 0, "\(byLabel.stderr)")
            #expect(byLabel.stdout.split(separator: "\n") == ["pod/web-1", "pod/web-2"])

            let byField = try await kubectl.run(["get", "pods", "-A", "--field-selector", "spec.nodeName=n1", "-o", "name"])
            #expect(byField.stdout.split(separator: "\n") == ["pod/db-1", "pod/web-1"])

            let both = try await kubectl.run([
                "get", "pods", "-n", "demo", "-l", "app in (web,db)", "--field-selector", "metadata.name!=web-1", "-o", "name",
            ])
            #expect(both.stdout.split(separator: "\n") == ["pod/db-1", "pod/web-2"])

            // As the real server: spec.hostNetwork is indexed for pods, and false when unset.
            let hostNetwork = try await kubectl.run([
                "get", "pods", "-n", "demo", "--field-selector", "spec.hostNetwork=false", "-o", "name",
            ])
            #expect(hostNetwork.exitCode == 0, "\(hostNetwork.stderr)")
            #expect(hostNetwork.stdout.split(separator: "\n") == ["pod/db-1", "pod/web-1", "pod/web-2"])

            let unsupported = try await kubectl.run(["get", "pods", "-n", "demo", "--field-selector", "spec.containers=x"])
            #expect(unsupported.exitCode != 0)
            #expect(unsupported.stderr.contains("field label not supported: spec.containers"))
        }
    }

    @Test func scaleChangesTheDeploymentReplicas() async throws {
        try await withKubectl { sandbox, kubectl in
            let deployments = try #require(ResourceCatalog.find(name: "deployments"))
            _ = try await sandbox.store.create(deployments, namespace: "demo", Objects.deployment("web", namespace: "demo", replicas: 3))
            let scaled = try await kubectl.run(["scale", "deployment", "web", "-n", "demo", "--replicas=5"])
            #expect(scaled.exitCode == 0, "\(scaled.stderr)")
            #expect(scaled.stdout.contains("deployment.apps/web scaled"))
            let stored = try await sandbox.object("deployments", namespace: "demo", name: "web")
            #expect(stored[path: ["spec", "replicas"]]?.intValue == 5)
        }
    }

    @Test func applyCreatesThenConfigures() async throws {
        try await withKubectl { sandbox, kubectl in
            func manifest(replicas: Int) -> String {
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: demo}
                spec:
                  replicas: \(replicas)
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
                """
            }
            let created = try await kubectl.run(["apply", "--validate=false", "-f", "-"], stdin: manifest(replicas: 2))
            #expect(created.exitCode == 0, "\(created.stderr)")
            #expect(created.stdout.contains("deployment.apps/web created"))
            let configured = try await kubectl.run(["apply", "--validate=false", "-f", "-"], stdin: manifest(replicas: 4))
            #expect(configured.exitCode == 0, "\(configured.stderr)")
            #expect(configured.stdout.contains("deployment.apps/web configured"))
            let stored = try await sandbox.object("deployments", namespace: "demo", name: "web")
            #expect(stored[path: ["spec", "replicas"]]?.intValue == 4)
            #expect(stored[path: ["metadata", "generation"]]?.intValue == 2)
        }
    }

    @Test func clientCertificateKubeconfigAuthenticatesAndRBACApplies() async throws {
        try await withKubectl { sandbox, _ in
            let root = try Kubectl(
                kubeconfigYAML: sandbox.kubeconfigYAML(
                    clientCertificate: try sandbox.issueClientCertificate(user: "root", groups: ["system:masters"]), userName: "root"))
            let nobody = try Kubectl(
                kubeconfigYAML: sandbox.kubeconfigYAML(
                    clientCertificate: try sandbox.issueClientCertificate(user: "nobody", algorithm: .rsa2048), userName: "nobody"))
            let allowed = try await root.run(["get", "namespace", "demo", "-o", "name"])
            #expect(allowed.exitCode == 0, "\(allowed.stderr)")
            #expect(allowed.stdout == "namespace/demo\n")
            let refused = try await nobody.run(["get", "pods", "-n", "demo"])
            #expect(refused.exitCode != 0)
            #expect(refused.stderr.contains("User \"nobody\" cannot list resource \"pods\""), "\(refused.stderr)")
            root.cleanUp()
            nobody.cleanUp()
        }
    }

    @Test func getEventsShowsEventsCreatedThroughTheEventsAPI() async throws {
        try await withKubectl { sandbox, kubectl in
            let created = try await kubectl.run(
                ["create", "-f", "-"], stdin: String(decoding: try Fixtures.request("event-create-201.json"), as: UTF8.self))
            #expect(created.exitCode == 0, "\(created.stderr)")
            let listed = try await kubectl.run(["get", "events", "-n", "demo", "-o", "jsonpath={.items[*].reason}"])
            #expect(listed.exitCode == 0, "\(listed.stderr)")
            #expect(listed.stdout == "ChaosPodKilled")
        }
    }

    @Test func getRawReachesAServiceThroughTheProxyAndSeesItsOutage() async throws {
        try await withKubectl { sandbox, kubectl in
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
            let answered = try await kubectl.run(["get", "--raw", "/api/v1/namespaces/demo/services/web:80/proxy/"])
            #expect(answered.exitCode == 0, "\(answered.stderr)")
            #expect(answered.stdout == "sandbox pod web-1")
            let deleted = try await kubectl.run(["delete", "pod", "web-1", "-n", "demo", "--grace-period=0", "--force"])
            #expect(deleted.exitCode == 0, "\(deleted.stderr)")
            let refused = try await kubectl.run(["get", "--raw", "/api/v1/namespaces/demo/services/web:80/proxy/"])
            #expect(refused.exitCode != 0)
            #expect(
                refused.stderr.contains(#"Error from server (ServiceUnavailable): no endpoints available for service "web""#),
                "\(refused.stderr)")
        }
    }

    @Test func plainHTTPSandboxWorksWithKubectl() async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        try await withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox in
            let kubectl = try Kubectl(sandbox)
            let listed = try await kubectl.run(["get", "namespaces", "-o", "name"])
            #expect(listed.exitCode == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains("namespace/default"))
            kubectl.cleanUp()
        }
    }

    /// kubectl's typed create commands post protobuf; what the sandbox stores is what kubectl meant, as kubectl's own
    /// rendering of the object (`--dry-run=client -o json`) shows it.
    @Test(arguments: [
        ["namespace", "x"],
        ["configmap", "settings", "-n", "demo", "--from-literal=mode=fast", "--from-literal=level=3"],
        ["serviceaccount", "robot", "-n", "demo"],
        ["deployment", "web", "-n", "demo", "--image=nginx:1.27", "--replicas=2", "--port=8080"],
    ])
    func typedCreateCommandsPostProtobuf(_ arguments: [String]) async throws {
        try await withKubectl { sandbox, kubectl in
            let rendered = try await kubectl.run(["create"] + arguments + ["--dry-run=client", "-o", "json"])
            #expect(rendered.exitCode == 0, "\(rendered.stderr)")
            let meant = try JSONValue(data: Data(rendered.stdout.utf8))
            // -v=8 logs the request headers: the body really is protobuf.
            let created = try await kubectl.run(["create"] + arguments + ["-v=8"])
            #expect(created.exitCode == 0, "\(created.stderr)")
            #expect(created.stderr.contains("Content-Type: application/vnd.kubernetes.protobuf"))
            let namespace = arguments.firstIndex(of: "-n").map { arguments[$0 + 1] }
            let stored = try await sandbox.object(arguments[0] + "s", namespace: namespace, name: arguments[1])
            let leaves = Self.leaves(of: meant)
            #expect(leaves.contains { $0.0 == ["metadata", "name"] }, "\(leaves)")
            for (path, value) in leaves {
                #expect(Self.lookup(path, in: stored) == value, "\(path.joined(separator: "."))")
            }
        }
    }

    /// Every value in `value` that is not null or empty, by path.
    static func leaves(of value: JSONValue, at path: [String] = []) -> [([String], JSONValue)] {
        switch value {
        case .null: return []
        case .object(let fields): return fields.flatMap { leaves(of: $0.value, at: path + [$0.key]) }
        case .array(let items) where items.allSatisfy({ $0.objectValue == nil }): return items.isEmpty ? [] : [(path, value)]
        case .array(let items): return items.enumerated().flatMap { leaves(of: $0.element, at: path + [String($0.offset)]) }
        default: return [(path, value)]
        }
    }

    /// The value at `path`, where a number indexes an array.
    static func lookup(_ path: [String], in value: JSONValue) -> JSONValue? {
        path.reduce(value as JSONValue?) { current, key in
            if let items = current?.arrayValue, let index = Int(key) { return index < items.count ? items[index] : nil }
            return current?[key]
        }
    }

    private func waitForWatchers(_ sandbox: Sandbox, count: Int) async throws {
        let open = try await eventuallyHolds { await sandbox.store.activeWatchCount >= count }
        try #require(open, "\(count) watches never opened")
    }

    /// Splits kubectl's concatenated pretty-printed JSON documents.
    static func jsonDocuments(_ text: String) throws -> [JSONValue] {
        var documents: [JSONValue] = []
        var depth = 0
        var current = ""
        var inString = false
        var escaped = false
        for character in text {
            if depth > 0 || character == "{" { current.append(character) }
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 {
                    documents.append(try JSONValue(data: Data(current.utf8)))
                    current = ""
                }
            default: break
            }
        }
        return documents
    }
}
