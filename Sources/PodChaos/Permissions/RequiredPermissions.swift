/// The RBAC a configuration needs and nothing more: a ClusterRole's rules (cluster-scoped reads, or every target
/// namespace at once) and a Role's rules per namespace. Each grant below names the code that makes the call; the
/// least-privilege tests prove that removing any one of them makes a run fail.
public struct RequiredPermissions: Sendable, Hashable {
    public var clusterRules: [PermissionRule]
    /// Namespace → the Role's rules there.
    public var namespaceRules: [String: [PermissionRule]]

    public init(clusterRules: [PermissionRule], namespaceRules: [String: [PermissionRule]]) {
        self.clusterRules = clusterRules
        self.namespaceRules = namespaceRules
    }

    public init(_ needs: PermissionNeeds) {
        var cluster: Set<Permission> = []
        var namespaced: [String: Set<Permission>] = [:]

        let targets = Self.targetPermissions(needs)
        switch needs.reach {
        case .cluster: cluster.formUnion(targets)
        case .namespaces(let names):
            for name in names { namespaced[name, default: []].formUnion(targets) }
        }
        // InventoryLoader reads namespace labels for --namespace-selector; namespaces are cluster-scoped.
        if needs.listsNamespaces { cluster.insert(Permission(apiGroup: "", resource: "namespaces", verb: "list")) }
        // The daemon's watch cache lists and watches its target namespaces (labels, pause annotations); by name when the
        // targets are named, as a list or watch selecting `metadata.name` is authorized as a read of that object.
        if needs.cachesTargets {
            for verb in ["list", "watch"] {
                switch needs.reach {
                case .cluster: cluster.insert(Permission(apiGroup: "", resource: "namespaces", verb: verb))
                case .namespaces(let names):
                    for name in names { cluster.insert(Permission(apiGroup: "", resource: "namespaces", verb: verb, resourceName: name)) }
                }
            }
        } else if needs.readsNamespacePauses {
            // ChaosDaemon without a cache reads each target namespace's pause annotation; by name when the targets are named.
            switch needs.reach {
            case .cluster: cluster.insert(Permission(apiGroup: "", resource: "namespaces", verb: "get"))
            case .namespaces(let names):
                for name in names { cluster.insert(Permission(apiGroup: "", resource: "namespaces", verb: "get", resourceName: name)) }
            }
        }

        // NetworkProbeTransport through the service proxy: that Service's port only, with the verb of the probe's method.
        for probe in needs.proxiedProbes {
            guard case .service(let address) = probe.target else { continue }
            namespaced[address.namespace, default: []].insert(
                Permission(
                    apiGroup: "", resource: "services/proxy", verb: Self.proxyVerb(probe.method),
                    resourceName: "\(address.name):\(address.port)"))
        }

        // Home grants only where nothing wider already covers them, so a Role never repeats the ClusterRole.
        let home = needs.homeNamespace
        for permission in Self.homePermissions(needs) {
            let covered = (cluster.union(namespaced[home] ?? [])).contains { $0.covers(permission) }
            if !covered { namespaced[home, default: []].insert(permission) }
        }
        self.init(
            clusterRules: Permission.rules(cluster),
            namespaceRules: namespaced.filter { !$0.value.isEmpty }.mapValues { Permission.rules($0) })
    }

    /// Every single grant, cluster-wide ones under the key nil.
    public var permissions: [String?: Set<Permission>] {
        var out: [String?: Set<Permission>] = [:]
        if !clusterRules.isEmpty { out[nil] = Set(clusterRules.flatMap(\.permissions)) }
        for (namespace, rules) in namespaceRules { out[namespace] = Set(rules.flatMap(\.permissions)) }
        return out
    }

    /// The verb the API server authorizes a proxied request of `method` as.
    static func proxyVerb(_ method: String) -> String {
        switch method {
        case "GET", "HEAD": "get"
        case "POST": "create"
        default: method.lowercased()
        }
    }

    /// Owner kinds `OwnerLoader` reads and `RecoveryObserver` watches.
    static let ownerResources: [(group: String, resource: String)] = [
        ("apps", "replicasets"), ("apps", "deployments"), ("apps", "statefulsets"), ("apps", "daemonsets"), ("batch", "jobs"),
    ]

    /// What a run does in every namespace it targets.
    static func targetPermissions(_ needs: PermissionNeeds) -> Set<Permission> {
        var out: Set<Permission> = [
            // InventoryLoader lists pods; ChaosEngine.verifyGone gets the victim after the kill.
            Permission(apiGroup: "", resource: "pods", verb: "list"),
            Permission(apiGroup: "", resource: "pods", verb: "get"),
            // InventoryLoader reads the budgets the safety rules honour; they are listed once, never watched.
            Permission(apiGroup: "policy", resource: "poddisruptionbudgets", verb: "list"),
            // EventRecorder: Killed on the victim, Recovered/NotRecovered on its owner (events.k8s.io/v1).
            Permission(apiGroup: "events.k8s.io", resource: "events", verb: "create"),
        ]
        switch needs.killMode {
        case .evict: out.insert(Permission(apiGroup: "", resource: "pods/eviction", verb: "create"))
        case .delete, .force: out.insert(Permission(apiGroup: "", resource: "pods", verb: "delete"))
        }
        // OwnerLoader: pods' controllers and ReplicaSets' Deployments, one GET each when few, one LIST per kind when many.
        for owner in ownerResources {
            out.insert(Permission(apiGroup: owner.group, resource: owner.resource, verb: "get"))
            out.insert(Permission(apiGroup: owner.group, resource: owner.resource, verb: "list"))
        }
        if needs.cachesTargets {
            // The daemon's watch cache: budgets are watched too, beside everything recovery observation watches.
            out.insert(Permission(apiGroup: "policy", resource: "poddisruptionbudgets", verb: "watch"))
        }
        if needs.watchesRecovery || needs.cachesTargets {
            // RecoveryObserver (or the daemon's watch cache it shares): one list-then-watch per kind where kills happen;
            // cluster-wide only under a cluster reach.
            var watched = ownerResources + [("", "pods"), ("", "services"), ("discovery.k8s.io", "endpointslices")]
            watched.sort { ($0.group, $0.resource) < ($1.group, $1.resource) }
            for resource in watched {
                out.insert(Permission(apiGroup: resource.group, resource: resource.resource, verb: "list"))
                out.insert(Permission(apiGroup: resource.group, resource: resource.resource, verb: "watch"))
            }
        }
        return out
    }

    /// What the tool does in its own namespace: resolve its own pod's workload (ChaosEngine.resolveSelf), scale its
    /// Deployment down, hold its Lease.
    static func homePermissions(_ needs: PermissionNeeds) -> Set<Permission> {
        var out: Set<Permission> = []
        switch needs.ownWorkload {
        case nil: break
        case .deployment(let name):
            out.insert(Permission(apiGroup: "", resource: "pods", verb: "get"))
            // The ReplicaSet's name carries a template hash, unknown in advance: no resourceNames.
            out.insert(Permission(apiGroup: "apps", resource: "replicasets", verb: "get"))
            out.insert(Permission(apiGroup: "apps", resource: "deployments", verb: "get", resourceName: name))
            if needs.cachesTargets {
                // The daemon watches its own Deployment by name for the pause annotation.
                out.insert(Permission(apiGroup: "apps", resource: "deployments", verb: "list", resourceName: name))
                out.insert(Permission(apiGroup: "apps", resource: "deployments", verb: "watch", resourceName: name))
            }
            if needs.scaleDownSelf {
                // KubernetesClient.setReplicas is a merge PATCH of the scale subresource; nothing reads it first.
                out.insert(Permission(apiGroup: "apps", resource: "deployments/scale", verb: "patch", resourceName: name))
            }
        case .job(let name):
            out.insert(Permission(apiGroup: "", resource: "pods", verb: "get"))
            out.insert(Permission(apiGroup: "batch", resource: "jobs", verb: "get", resourceName: name))
        }
        if let lease = needs.leaseName {
            out.insert(Permission(apiGroup: "coordination.k8s.io", resource: "leases", verb: "get", resourceName: lease))
            out.insert(Permission(apiGroup: "coordination.k8s.io", resource: "leases", verb: "update", resourceName: lease))
            // RBAC cannot restrict create by name: the name is not known when the request is authorized.
            out.insert(Permission(apiGroup: "coordination.k8s.io", resource: "leases", verb: "create"))
        }
        return out
    }
}
