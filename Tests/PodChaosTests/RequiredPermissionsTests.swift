import KubeAPI
import Testing

@testable import PodChaos

/// The RBAC a configuration needs, rule by rule, from the facts that decide it.
@Suite("Required permissions")
struct RequiredPermissionsTests {
    static func grant(_ verb: String, _ resource: String, group: String = "", name: String? = nil) -> Permission {
        Permission(apiGroup: group, resource: resource, verb: verb, resourceName: name)
    }

    /// An armed evict run with recovery in one namespace: the smallest everyday configuration.
    static let evictWithRecovery: Set<Permission> = [
        grant("get", "pods"), grant("list", "pods"), grant("watch", "pods"),
        grant("create", "pods/eviction"),
        grant("create", "events", group: "events.k8s.io"),
        grant("list", "poddisruptionbudgets", group: "policy"),
        grant("get", "replicasets", group: "apps"), grant("list", "replicasets", group: "apps"),
        grant("watch", "replicasets", group: "apps"),
        grant("get", "deployments", group: "apps"), grant("list", "deployments", group: "apps"),
        grant("watch", "deployments", group: "apps"),
        grant("get", "statefulsets", group: "apps"), grant("list", "statefulsets", group: "apps"),
        grant("watch", "statefulsets", group: "apps"),
        grant("get", "daemonsets", group: "apps"), grant("list", "daemonsets", group: "apps"), grant("watch", "daemonsets", group: "apps"),
        grant("get", "jobs", group: "batch"), grant("list", "jobs", group: "batch"), grant("watch", "jobs", group: "batch"),
        grant("list", "services"), grant("watch", "services"),
        grant("list", "endpointslices", group: "discovery.k8s.io"), grant("watch", "endpointslices", group: "discovery.k8s.io"),
    ]

    /// Owners are listed to read them (many at once) whether or not recovery is watched; only the watches are extra.
    static let recoveryOnly: Set<Permission> = [
        grant("watch", "pods"), grant("watch", "replicasets", group: "apps"), grant("watch", "deployments", group: "apps"),
        grant("watch", "statefulsets", group: "apps"), grant("watch", "daemonsets", group: "apps"), grant("watch", "jobs", group: "batch"),
        grant("list", "services"), grant("watch", "services"),
        grant("list", "endpointslices", group: "discovery.k8s.io"), grant("watch", "endpointslices", group: "discovery.k8s.io"),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var needs: PermissionNeeds
        /// Namespace (nil: cluster-wide) → every single grant.
        var expected: [String?: Set<Permission>]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "evict with recovery in the home namespace, run from outside the cluster",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), homeNamespace: "shop"),
            expected: ["shop": evictWithRecovery]),
        Case(
            name: "delete mode: pods delete instead of the eviction subresource",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), killMode: .delete, homeNamespace: "shop"),
            expected: ["shop": evictWithRecovery.subtracting([grant("create", "pods/eviction")]).union([grant("delete", "pods")])]),
        Case(
            name: "force mode is a delete too",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), killMode: .force, homeNamespace: "shop"),
            expected: ["shop": evictWithRecovery.subtracting([grant("create", "pods/eviction")]).union([grant("delete", "pods")])]),
        Case(
            name: "--no-wait: no watches; owners read (GET or LIST), not watched",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), watchesRecovery: false, homeNamespace: "shop"),
            expected: ["shop": evictWithRecovery.subtracting(recoveryOnly)]),
        Case(
            name: "two target namespaces get the same Role each",
            needs: PermissionNeeds(reach: .namespaces(["a", "b"]), homeNamespace: "podchaos"),
            expected: ["a": evictWithRecovery, "b": evictWithRecovery]),
        Case(
            name: "own Deployment in the target namespace adds nothing but the scale patch",
            needs: PermissionNeeds(
                reach: .namespaces(["shop"]), homeNamespace: "shop", ownWorkload: .deployment("podchaosmonkey"), scaleDownSelf: true),
            expected: ["shop": evictWithRecovery.union([grant("patch", "deployments/scale", group: "apps", name: "podchaosmonkey")])]),
        Case(
            name: "own Deployment elsewhere: its pod, ReplicaSets, and only its own Deployment and scale at home",
            needs: PermissionNeeds(
                reach: .namespaces(["shop"]), homeNamespace: "podchaos", ownWorkload: .deployment("chaos"), scaleDownSelf: true),
            expected: [
                "shop": evictWithRecovery,
                "podchaos": [
                    grant("get", "pods"), grant("get", "replicasets", group: "apps"),
                    grant("get", "deployments", group: "apps", name: "chaos"),
                    grant("patch", "deployments/scale", group: "apps", name: "chaos"),
                ],
            ]),
        Case(
            name: "own Deployment elsewhere without --scale-down-self: no scale grant",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), homeNamespace: "podchaos", ownWorkload: .deployment("chaos")),
            expected: [
                "shop": evictWithRecovery,
                "podchaos": [
                    grant("get", "pods"), grant("get", "replicasets", group: "apps"),
                    grant("get", "deployments", group: "apps", name: "chaos"),
                ],
            ]),
        Case(
            name: "own Job elsewhere: its pod and that Job",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), homeNamespace: "podchaos", ownWorkload: .job("once")),
            expected: ["shop": evictWithRecovery, "podchaos": [grant("get", "pods"), grant("get", "jobs", group: "batch", name: "once")]]),
        Case(
            name: "cluster reach: a ClusterRole, and at home only what it does not cover",
            needs: PermissionNeeds(
                reach: .cluster, homeNamespace: "podchaos", ownWorkload: .deployment("podchaosmonkey"), scaleDownSelf: true),
            expected: [
                nil: evictWithRecovery,
                "podchaos": [grant("patch", "deployments/scale", group: "apps", name: "podchaosmonkey")],
            ]),
        Case(
            name: "a namespace selector lists namespaces, cluster-wide even when the targets are named",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), listsNamespaces: true, homeNamespace: "shop"),
            expected: [nil: [grant("list", "namespaces")], "shop": evictWithRecovery]),
        Case(
            name: "a lease: get and update by name, create unrestricted (RBAC cannot name what is not created yet)",
            needs: PermissionNeeds(reach: .namespaces(["shop"]), homeNamespace: "podchaos", leaseName: "podchaosmonkey-leader"),
            expected: [
                "shop": evictWithRecovery,
                "podchaos": [
                    grant("get", "leases", group: "coordination.k8s.io", name: "podchaosmonkey-leader"),
                    grant("update", "leases", group: "coordination.k8s.io", name: "podchaosmonkey-leader"),
                    grant("create", "leases", group: "coordination.k8s.io"),
                ],
            ]),
        Case(
            name: "the daemon reads its target namespaces' pause annotation: get by name, cluster-wide",
            needs: PermissionNeeds(reach: .namespaces(["shop", "cart"]), homeNamespace: "shop", readsNamespacePauses: true),
            expected: [
                nil: [grant("get", "namespaces", name: "shop"), grant("get", "namespaces", name: "cart")],
                "shop": evictWithRecovery, "cart": evictWithRecovery,
            ]),
        Case(
            name: "the daemon across every namespace reads any namespace",
            needs: PermissionNeeds(reach: .cluster, homeNamespace: "podchaos", readsNamespacePauses: true),
            expected: [nil: evictWithRecovery.union([grant("get", "namespaces")])]),
        Case(
            name: "every target protected or excluded: nothing to grant there",
            needs: PermissionNeeds(reach: .namespaces([]), homeNamespace: "podchaos"),
            expected: [:]),
    ]

    @Test("Each configuration gets exactly its grants", arguments: cases)
    func grants(_ testCase: Case) {
        let permissions = RequiredPermissions(testCase.needs).permissions
        #expect(Set(permissions.keys) == Set(testCase.expected.keys))
        for (scope, expected) in testCase.expected {
            let actual = permissions[scope] ?? []
            #expect(actual.subtracting(expected).sorted() == [], "granted beyond need in \(scope ?? "the cluster")")
            #expect(expected.subtracting(actual).sorted() == [], "missing in \(scope ?? "the cluster")")
        }
    }

    @Test("Nothing beyond reading, evicting or deleting pods, events, the own scale and the lease: no update, no secrets")
    func neverMore() {
        let widest = RequiredPermissions(
            PermissionNeeds(
                reach: .cluster, killMode: .delete, listsNamespaces: true, homeNamespace: "podchaos",
                ownWorkload: .deployment("podchaosmonkey"), scaleDownSelf: true, leaseName: "leader"))
        let all = widest.permissions.values.flatMap { $0 }
        #expect(!all.contains { $0.resource == "secrets" || $0.resource == "configmaps" })
        #expect(!all.contains { $0.verb == "*" || $0.resource == "*" || $0.verb == "deletecollection" })
        #expect(all.filter { $0.verb == "update" }.allSatisfy { $0.resource == "leases" && $0.resourceName == "leader" })
        #expect(all.filter { $0.verb == "patch" }.allSatisfy { $0.resource == "deployments/scale" && $0.resourceName == "podchaosmonkey" })
        #expect(all.filter { $0.resource == "pods" }.map(\.verb).sorted() == ["delete", "get", "list", "watch"])
        #expect(all.filter { $0.resourceName != nil }.allSatisfy { $0.verb != "create" }, "create cannot be restricted by name")
    }

    @Test("Rules merge verbs per resource, then resources with the same verbs and names")
    func mergedRules() {
        let rules = Permission.rules([
            Self.grant("get", "deployments", group: "apps"), Self.grant("list", "deployments", group: "apps"),
            Self.grant("list", "replicasets", group: "apps"), Self.grant("get", "replicasets", group: "apps"),
            Self.grant("patch", "deployments/scale", group: "apps", name: "me"),
            Self.grant("create", "pods/eviction"),
        ])
        #expect(
            rules == [
                PermissionRule(apiGroup: "", resources: ["pods/eviction"], verbs: ["create"]),
                PermissionRule(apiGroup: "apps", resources: ["deployments", "replicasets"], verbs: ["get", "list"]),
                PermissionRule(apiGroup: "apps", resources: ["deployments/scale"], verbs: ["patch"], resourceNames: ["me"]),
            ])
        #expect(Set(rules.flatMap(\.permissions)).count == 6)
    }

    @Test("From KillOptions: namespaces as the inventory reads them, and the flags that change the rules")
    func fromOptions() throws {
        var options = KillOptions(
            criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["a", "kube-system", "b"], excluded: ["b"])))
        options.mode = .force
        options.recovery.wait = false
        options.scaleDownSelf = true
        let needs = PermissionNeeds(options: options, homeNamespace: "home", ownWorkload: .deployment("pcm"))
        #expect(needs.reach == .namespaces(["a"]))
        #expect(needs.killMode == .force && !needs.watchesRecovery && needs.scaleDownSelf && !needs.listsNamespaces)

        let defaults = PermissionNeeds(options: KillOptions(), homeNamespace: "home", ownWorkload: nil)
        #expect(defaults.reach == .namespaces(["home"]), "no -n: the in-cluster namespace, which is the home one")

        let everywhere = PermissionNeeds(
            options: KillOptions(criteria: SelectionCriteria(namespaces: NamespaceScope(allNamespaces: true))), homeNamespace: "home",
            ownWorkload: nil)
        #expect(everywhere.reach == .cluster)

        let bySelector = PermissionNeeds(
            options: KillOptions(
                criteria: SelectionCriteria(namespaces: NamespaceScope(selector: try Labels.Selector(parsing: "chaos=on")))),
            homeNamespace: "home", ownWorkload: nil)
        #expect(bySelector.reach == .cluster && bySelector.listsNamespaces)
    }
}
