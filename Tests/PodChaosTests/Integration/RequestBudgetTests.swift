import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

@testable import PodChaos

/// What a kill costs the API server, counted from the sandbox's request log: the same whatever the number of
/// workloads, once there are more than a few of a kind. In-process (`SandboxCluster`), controllers off: nothing here
/// needs threads of its own.
@Suite("Requests a kill makes")
struct RequestBudgetTests {
    static func options(_ scope: NamespaceScope) -> KillOptions {
        KillOptions(criteria: SelectionCriteria(namespaces: scope), seed: 7, mode: .delete, recovery: RecoveryOptions(wait: false))
    }

    /// The requests the sandbox served while `body` ran.
    static func requests(_ cluster: SandboxCluster, during body: () async throws -> Void) async throws -> [FaultRequest] {
        let before = await cluster.sandbox.faults.requests.count
        try await body()
        return Array(await cluster.sandbox.faults.requests.dropFirst(before))
    }

    /// `verb path` per request, without queries and with object names as `*`, sorted.
    static func summary(_ requests: [FaultRequest]) -> [String] {
        requests.map { request in
            var path = request.path.split(separator: "?").first.map(String.init) ?? request.path
            if ["get", "delete", "update", "patch"].contains(request.verb) {
                path = path.split(separator: "/").dropLast().joined(separator: "/") + "/*"
                path = "/" + path.drop { $0 == "/" }
            }
            return "\(request.verb) \(path)"
        }.sorted()
    }

    static func killOne(_ cluster: SandboxCluster, _ scope: NamespaceScope) async throws -> [FaultRequest] {
        try await requests(cluster) {
            let report = try await ChaosEngine(client: cluster.client, version: "test").kill(options(scope))
            #expect(report.verdict == .pass)
            #expect(report.kills.map(\.result) == [.killed])
        }
    }

    @Test("kill -n: the same requests for 10 and for 40 Deployments — one LIST per kind, never a GET per owner")
    func constantInOwners() async throws {
        var seen: [[String]] = []
        for deployments in [10, 40] {
            let served = try await SandboxCluster.with { cluster in
                for index in 0..<deployments { try await cluster.deployment("web-\(index)", replicas: 2) }
                return try await Self.killOne(cluster, NamespaceScope(included: ["demo"]))
            }
            seen.append(Self.summary(served))
        }
        print(seen[0])
        #expect(seen[0] == seen[1])
        #expect(seen[0] == Self.killIn("demo", lists: ["/api/v1/namespaces/demo", "/apis/apps/v1/namespaces/demo"]))
    }

    /// The requests of a one-pod delete in `namespace`, after `lists` (collection prefixes) of pods, budgets and owners.
    static func killIn(_ namespace: String, lists prefixes: [String]) -> [String] {
        let (core, apps) = (prefixes[0], prefixes[1])
        let policy = core.replacingOccurrences(of: "/api/v1", with: "/apis/policy/v1")
        return [
            "create /apis/events.k8s.io/v1/namespaces/\(namespace)/events", "create /apis/events.k8s.io/v1/namespaces/\(namespace)/events",
            "delete /api/v1/namespaces/\(namespace)/pods/*", "get /api/v1/namespaces/\(namespace)/pods/*",
            "list \(core)/pods", "list \(apps)/deployments", "list \(apps)/replicasets", "list \(policy)/poddisruptionbudgets",
        ].sorted()
    }

    @Test("kill -A over 20 namespaces: cluster-wide LISTs, the same requests as in one namespace")
    func clusterWide() async throws {
        let served = try await SandboxCluster.with { cluster in
            for index in 0..<20 {
                try await cluster.namespace("team-\(index)")
                try await cluster.deployment("web", replicas: 2, namespace: "team-\(index)")
            }
            return try await Self.killOne(cluster, NamespaceScope(allNamespaces: true))
        }
        let victimNamespace = try #require(served.first { $0.verb == "delete" }?.path.split(separator: "/").dropFirst(3).first)
        #expect(Self.summary(served) == Self.killIn(String(victimNamespace), lists: ["/api/v1", "/apis/apps/v1"]))
    }

    @Test("A few owners are read one GET each: 3 Deployments cost 3 ReplicaSet and 3 Deployment GETs, no owner LIST")
    func fewOwners() async throws {
        let served = try await SandboxCluster.with { cluster in
            for index in 0..<3 { try await cluster.deployment("web-\(index)", replicas: 2) }
            return try await Self.killOne(cluster, NamespaceScope(included: ["demo"]))
        }
        let owners = Self.summary(served).filter { $0.contains("/apis/apps/") }
        #expect(
            owners == Array(repeating: "get /apis/apps/v1/namespaces/demo/deployments/*", count: 3)
                + Array(repeating: "get /apis/apps/v1/namespaces/demo/replicasets/*", count: 3))
    }

    @Test("A role that may get owners but not list them still kills, one GET per owner")
    func getOnlyRole() async throws {
        let served = try await SandboxCluster.with { cluster in
            for index in 0..<10 { try await cluster.deployment("web-\(index)", replicas: 2) }
            _ = try await cluster.sandbox.load(Self.getOnlyRole)
            let config = try await cluster.sandbox.clusterConfig(serviceAccount: "chaos", namespace: "demo")
            let report = try await withInProcessClient(cluster.sandbox, config: config, options: ClientOptions(qps: 0)) { client in
                try await ChaosEngine(client: client, version: "test").kill(Self.options(NamespaceScope(included: ["demo"])))
            }
            #expect(report.kills.map(\.result) == [.killed])
            return await cluster.sandbox.faults.requests.filter { $0.user == "system:serviceaccount:demo:chaos" }
        }
        let owners = Self.summary(served).filter { $0.contains("/apis/apps/") }
        #expect(
            owners.filter { $0.hasPrefix("list ") }
                == ["list /apis/apps/v1/namespaces/demo/deployments", "list /apis/apps/v1/namespaces/demo/replicasets"],
            "each LIST is tried once, and refused")
        #expect(owners.filter { $0.hasPrefix("get ") }.count == 20)
    }

    static let getOnlyRole = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: chaos, namespace: demo}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: chaos, namespace: demo}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list, delete]
        - apiGroups: [apps]
          resources: [replicasets, deployments]
          verbs: [get]
        - apiGroups: [policy]
          resources: [poddisruptionbudgets]
          verbs: [list]
        - apiGroups: [events.k8s.io]
          resources: [events]
          verbs: [create]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: chaos, namespace: demo}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: chaos}
        subjects:
        - {kind: ServiceAccount, name: chaos, namespace: demo}
        """

    @Test("Without permission to write Events where the victim lives, the run fails before anything is killed")
    func eventsForbidden() async throws {
        let served = try await SandboxCluster.with { cluster in
            for index in 0..<2 { try await cluster.deployment("web-\(index)", replicas: 2) }
            _ = try await cluster.sandbox.load(Self.getOnlyRole.replacingOccurrences(of: "events.k8s.io", with: "example.com"))
            let config = try await cluster.sandbox.clusterConfig(serviceAccount: "chaos", namespace: "demo")
            try await withInProcessClient(cluster.sandbox, config: config, options: ClientOptions(qps: 0)) { client in
                let error = await #expect(throws: KubeAPIError.self) {
                    try await ChaosEngine(client: client, version: "test").kill(Self.options(NamespaceScope(included: ["demo"])))
                }
                #expect(error?.isForbidden == true)
            }
            return await cluster.sandbox.faults.requests
        }
        #expect(!served.contains { $0.verb == "delete" || $0.path.contains("/eviction") })
    }
}
