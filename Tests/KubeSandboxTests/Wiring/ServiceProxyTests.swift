import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import NIOHTTP1
import Testing

/// The simulated service proxy, `services/NAME[:PORT]/proxy/…`: which pod answers, how, and the real server's errors.
@Suite(.dedicatedThreads) struct ServiceProxyTests {
    static let proxyPath = "/api/v1/namespaces/demo/services/web:80/proxy/"

    static let service = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: demo}
        spec: {selector: {app: web}, ports: [{port: 80, targetPort: 80}]}
        """

    /// A scheduled pod as the kubelet leaves it: with an IP once running, Ready or not.
    static func pod(
        _ name: String, ready: Bool = true, ip: Bool = true, app: String = "web", annotations: [String: String] = [:]
    ) -> String {
        let annotationText = annotations.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
        return "\n" + """
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: \(name), namespace: demo, labels: {app: \(app)}, annotations: {\(annotationText)}}
            spec: {nodeName: node-1, containers: [{name: c, image: nginx}]}
            status: {phase: Running, \(ip ? "podIP: 10.244.0.9, " : "")conditions: [{type: Ready, status: "\(ready ? "True" : "False")"}]}
            """
    }

    static func withProxy(
        _ manifest: String, options: SandboxOptions = SandboxOptions(controllers: false), _ body: (Sandbox, TestClient) async throws -> Void
    ) async throws {
        try await TestClient.withSandbox(options) { sandbox, client in
            try await sandbox.load(manifest)
            try await body(sandbox, client)
        }
    }

    @Test("Ready endpoints answer in turn, by pod name; unready, terminating, other and address-less pods never do")
    func roundRobin() async throws {
        let manifest =
            Self.service + Self.pod("web-3") + Self.pod("web-1") + Self.pod("web-2") + Self.pod("web-0", ready: false)
            + Self.pod("web-4", ip: false) + Self.pod("web-5") + Self.pod("api-1", app: "api")
        try await Self.withProxy(manifest) { _, client in
            let deleted = try await client.send(
                .DELETE, "/api/v1/namespaces/demo/pods/web-5", body: Data(#"{"gracePeriodSeconds":30}"#.utf8))
            #expect(deleted.status == 200)
            var answered: [String] = []
            for _ in 0..<6 {
                let answer = try await client.send(.GET, Self.proxyPath, accept: "*/*")
                #expect(answer.status == 200)
                #expect(answer.headers.first(name: "Content-Type") == "text/plain; charset=utf-8")
                let pod = try #require(answer.headers.first(name: "X-Sandbox-Pod"))
                #expect(String(decoding: answer.body, as: UTF8.self) == "sandbox pod \(pod)")
                answered.append(pod)
            }
            #expect(answered == ["web-1", "web-2", "web-3", "web-1", "web-2", "web-3"])
        }
    }

    @Test("Any method, a path below proxy, the name without a port, and with a scheme all reach the Service")
    func pathForms() async throws {
        try await Self.withProxy(Self.service + Self.pod("web-1")) { _, client in
            for (method, path) in [
                (HTTPMethod.GET, "/api/v1/namespaces/demo/services/web/proxy/"),
                (.POST, "/api/v1/namespaces/demo/services/web:80/proxy/a/b?c=d"),
                (.DELETE, "/api/v1/namespaces/demo/services/http:web:80/proxy/x"),
                (.PUT, "/api/v1/namespaces/demo/services/https:web:/proxy/"),
            ] {
                let answer = try await client.send(method, path, body: Data("{}".utf8), accept: "*/*")
                #expect(answer.status == 200, "\(method) \(path)")
                #expect(answer.headers.first(name: "X-Sandbox-Pod") == "web-1", "\(method) \(path)")
            }
        }
    }

    @Test("No ready endpoint: 503 ServiceUnavailable as the real server words it")
    func noEndpoints() async throws {
        try await Self.withProxy(Self.service + Self.pod("web-1", ready: false)) { sandbox, client in
            // Pods, but none ready: the real server's Endpoints has subsets, and it names the segment as requested.
            let unready = try await client.send(.GET, Self.proxyPath)
            #expect(unready.status == 503)
            #expect(
                unready.json
                    == .object([
                        "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Failure"),
                        "message": .string(#"no endpoints available for service "web:80""#), "reason": .string("ServiceUnavailable"),
                        "code": .number(503),
                    ]))
            // No pod at all (a Deployment scaled to 0): no subsets, and it names the Service.
            #expect(try await client.send(.DELETE, "/api/v1/namespaces/demo/pods/web-1?gracePeriodSeconds=0").status == 200)
            #expect(try await sandbox.objects("pods", namespace: "demo").isEmpty)
            let empty = try await client.send(.GET, Self.proxyPath)
            #expect(empty.status == 503)
            #expect(empty.json?["message"]?.stringValue == #"no endpoints available for service "web""#)
        }
    }

    @Test("A missing Service is 404, a port it lacks 503, a malformed name 400, each as the real server says")
    func errors() async throws {
        try await Self.withProxy(Self.service + Self.pod("web-1")) { _, client in
            let missing = try await client.send(.GET, "/api/v1/namespaces/demo/services/nope:80/proxy/")
            #expect(missing.status == 404)
            #expect(
                missing.json
                    == .object([
                        "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Failure"),
                        "message": .string(#"services "nope" not found"#), "reason": .string("NotFound"),
                        "details": .object(["name": .string("nope"), "kind": .string("services")]), "code": .number(404),
                    ]))
            let port = try await client.send(.GET, "/api/v1/namespaces/demo/services/web:81/proxy/")
            #expect(port.status == 503)
            #expect(port.json?["message"]?.stringValue == #"no service port 81 found for service "web""#)
            let namedPort = try await client.send(.GET, "/api/v1/namespaces/demo/services/web:metrics/proxy/")
            #expect(namedPort.json?["message"]?.stringValue == #"no endpoints available for service "web:metrics""#)
            let malformed = try await client.send(.GET, "/api/v1/namespaces/demo/services/ftp:web:80/proxy/")
            #expect(malformed.status == 400)
            #expect(malformed.json?["message"]?.stringValue == #"invalid service request "ftp:web:80""#)
        }
    }

    @Test("error-rate 0.25 fails exactly every 4th answer of that pod, counted per pod, with a 500")
    func exactErrorCounts() async throws {
        let flaky = ["sandbox.podchaosmonkey.io/error-rate": "0.25"]
        try await Self.withProxy(Self.service + Self.pod("web-1", annotations: flaky) + Self.pod("web-2")) { _, client in
            var statuses: [String: [Int]] = [:]
            for _ in 0..<16 {
                let answer = try await client.send(.GET, Self.proxyPath, accept: "*/*")
                let pod = answer.headers.first(name: "X-Sandbox-Pod") ?? "?"
                statuses[pod, default: []].append(answer.status)
                if answer.status == 500 { #expect(String(decoding: answer.body, as: UTF8.self) == "sandbox error") }
            }
            #expect(statuses["web-1"] == [200, 200, 200, 500, 200, 200, 200, 500])
            #expect(statuses["web-2"] == Array(repeating: 200, count: 8))
        }
    }

    @Test("latency holds each answer of that pod on the fault clock, not the wall clock")
    func latencyOnTheFaultClock() async throws {
        let time = SteppingClock()
        var options = SandboxOptions(controllers: false)
        options.faultClock = time
        try await withInProcessSandbox(options, namespace: "demo") { sandbox, client in
            try await sandbox.load(Self.service + Self.pod("web-1", annotations: ["sandbox.podchaosmonkey.io/latency": "50ms"]))
            async let answer = client.proxy(service: "web", namespace: "demo", port: "80", path: "/", timeout: .seconds(60))
            let deadlines = await time.sleeping { !$0.isEmpty }
            #expect(deadlines.map(\.offset) == [.milliseconds(50)])
            time.advance(by: .milliseconds(50))
            let answered = try await answer
            #expect(answered.status == 200)
            #expect(answered.body == "sandbox pod web-1")
        }
    }

    @Test(
        "A one-replica Deployment's Service is unavailable from the kill until the replacement is ready; the template's annotations hold",
        .timeLimit(.minutes(1)))
    func killOfTheOnlyReplica() async throws {
        let clock = SteppingClock()
        var options = SandboxOptions(
            podTimings: PodLifecycleTimings(startDelay: .seconds(1), readyDelay: .seconds(2), terminationDelay: .seconds(5)))
        options.controllerClock = clock.controllerClock
        let deployment =
            "\n" + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: demo}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}, annotations: {sandbox.podchaosmonkey.io/error-rate: "0.5"}}
                    spec: {containers: [{name: c, image: nginx}]}
                """
        try await Self.withProxy(Self.service + deployment, options: options) { sandbox, client in
            func pods() async throws -> [JSONValue] { try await sandbox.objects("pods", namespace: "demo") }
            func isReady(_ pod: JSONValue) -> Bool {
                pod[path: ["status", "conditions"]]?.arrayValue?.contains {
                    $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
                } == true
            }
            func answers(_ count: Int) async throws -> [String] {
                var answers: [String] = []
                for _ in 0..<count {
                    let answer = try await client.send(.GET, Self.proxyPath, accept: "*/*")
                    answers.append(
                        "\(answer.status) \(answer.headers.first(name: "X-Sandbox-Pod") ?? String(decoding: answer.body, as: UTF8.self))")
                }
                return answers
            }
            try await clock.fireTimers { try await pods().contains(where: isReady) }
            let first = try #require(try await pods().first?.name)
            #expect(try await answers(4) == ["200 \(first)", "500 \(first)", "200 \(first)", "500 \(first)"])
            #expect(try await client.send(.DELETE, "/api/v1/namespaces/demo/pods/\(first)").status == 200)
            let killed = try await client.send(.GET, Self.proxyPath)
            #expect(killed.status == 503)
            #expect(killed.json?["message"]?.stringValue == #"no endpoints available for service "web""#)
            // The replacement runs (it has an IP) once its start delay has passed, and is not ready for 2 s more.
            let created = clock.now
            _ = await clock.sleeping { $0.contains(created.advanced(by: .seconds(1))) }
            clock.advance(by: .seconds(1))
            let running = try await eventually {
                try await pods().contains { $0.name != first && $0[path: ["status", "podIP"]] != nil } ? true : nil
            }
            #expect(running == true)
            let starting = try await client.send(.GET, Self.proxyPath)
            #expect(starting.status == 503)
            #expect(starting.json?["message"]?.stringValue == #"no endpoints available for service "web:80""#)
            try await clock.fireTimers { try await pods().contains { $0.name != first && isReady($0) } }
            let replacement = try #require(try await pods().first { $0.name != first }?.name)
            #expect(try await answers(2) == ["200 \(replacement)", "500 \(replacement)"], "counted afresh for the new pod")
        }
    }

    @Test("RBAC authorizes services/proxy with the request's verb; the request log records it")
    func rbac() async throws {
        let viewer = SandboxUser(name: "viewer", token: "viewer-token")
        let options = SandboxOptions(users: [.randomAdmin(), viewer], controllers: false, rbac: true)
        let policy =
            "\n" + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: viewer, namespace: demo}
                rules:
                - {apiGroups: [""], resources: [services, pods], verbs: [get, list]}
                - {apiGroups: [""], resources: [services/proxy], verbs: [get], resourceNames: ["web:80"]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: viewer, namespace: demo}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer}
                subjects: [{kind: User, name: viewer}]
                """
        try await Self.withProxy(Self.service + Self.pod("web-1") + policy, options: options) { sandbox, client in
            #expect(try await client.send(.GET, Self.proxyPath, token: "viewer-token").status == 200)
            let create = try await client.send(.POST, Self.proxyPath, body: Data("{}".utf8), token: "viewer-token")
            #expect(create.status == 403)
            #expect(
                create.json?["message"]?.stringValue
                    == #"services "web:80" is forbidden: User "viewer" cannot create resource "services/proxy" in API group "" in the namespace "demo""#
            )
            let otherName = try await client.send(.GET, "/api/v1/namespaces/demo/services/web/proxy/", token: "viewer-token")
            #expect(otherName.status == 403)
            #expect(try await client.send(.POST, Self.proxyPath, body: Data("{}".utf8)).status == 200, "the admin may")
            let logged = await sandbox.requests().filter { $0.path.contains("/proxy") }
            #expect(
                logged == [
                    FaultRequest(verb: "get", path: Self.proxyPath, user: "viewer"),
                    FaultRequest(verb: "create", path: Self.proxyPath, user: "viewer"),
                    FaultRequest(verb: "get", path: "/api/v1/namespaces/demo/services/web/proxy/", user: "viewer"),
                    FaultRequest(verb: "create", path: Self.proxyPath, user: "admin"),
                ])
        }
    }

    @Test("Discovery lists services/proxy as the real server does")
    func discovery() async throws {
        try await Self.withProxy(Self.service) { _, client in
            let resources = try await client.send(.GET, "/api/v1").json?["resources"]?.arrayValue ?? []
            let proxy = resources.first { $0["name"]?.stringValue == "services/proxy" }
            #expect(proxy?["kind"]?.stringValue == "ServiceProxyOptions")
            #expect(proxy?["verbs"] == .array(["create", "delete", "get", "patch", "update"].map { .string($0) }))
        }
    }
}
