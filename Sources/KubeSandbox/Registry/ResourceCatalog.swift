/// The one table of served resources; routing and discovery both read it.
public enum ResourceCatalog {
    public static let all: [ResourceType] = [
        ResourceType(
            "", "v1", "namespaces", kind: "Namespace", namespaced: false, singular: "namespace", shortNames: ["ns"], subresources: [.status]
        ),
        ResourceType("", "v1", "nodes", kind: "Node", namespaced: false, singular: "node", shortNames: ["no"], subresources: [.status]),
        ResourceType(
            "", "v1", "pods", kind: "Pod", singular: "pod", shortNames: ["po"], subresources: [.status, .eviction, .binding],
            categories: ["all"]),
        ResourceType(
            "", "v1", "services", kind: "Service", singular: "service", shortNames: ["svc"], subresources: [.status, .proxy],
            categories: ["all"]),
        ResourceType("", "v1", "events", kind: "Event", singular: "event", shortNames: ["ev"]),
        ResourceType(
            "", "v1", "serviceaccounts", kind: "ServiceAccount", singular: "serviceaccount", shortNames: ["sa"], subresources: [.token]),
        ResourceType("", "v1", "configmaps", kind: "ConfigMap", singular: "configmap", shortNames: ["cm"]),
        ResourceType(
            "apps", "v1", "deployments", kind: "Deployment", singular: "deployment", shortNames: ["deploy"],
            subresources: [.status, .scale],
            categories: ["all"]),
        ResourceType(
            "apps", "v1", "replicasets", kind: "ReplicaSet", singular: "replicaset", shortNames: ["rs"], subresources: [.status, .scale],
            categories: ["all"]),
        ResourceType(
            "apps", "v1", "statefulsets", kind: "StatefulSet", singular: "statefulset", shortNames: ["sts"],
            subresources: [.status, .scale],
            categories: ["all"]),
        ResourceType(
            "apps", "v1", "daemonsets", kind: "DaemonSet", singular: "daemonset", shortNames: ["ds"], subresources: [.status],
            categories: ["all"]),
        // Stored and watched, without a Job controller: recovery observation lists and watches Jobs like any owner kind.
        ResourceType("batch", "v1", "jobs", kind: "Job", singular: "job", subresources: [.status], categories: ["all"]),
        ResourceType(
            "policy", "v1", "poddisruptionbudgets", kind: "PodDisruptionBudget", singular: "poddisruptionbudget", shortNames: ["pdb"],
            subresources: [.status]),
        ResourceType("events.k8s.io", "v1", "events", kind: "Event", singular: "event", shortNames: ["ev"]),
        ResourceType("coordination.k8s.io", "v1", "leases", kind: "Lease", singular: "lease"),
        ResourceType("discovery.k8s.io", "v1", "endpointslices", kind: "EndpointSlice", singular: "endpointslice"),
        ResourceType("rbac.authorization.k8s.io", "v1", "roles", kind: "Role", singular: "role"),
        ResourceType("rbac.authorization.k8s.io", "v1", "rolebindings", kind: "RoleBinding", singular: "rolebinding"),
        ResourceType("rbac.authorization.k8s.io", "v1", "clusterroles", kind: "ClusterRole", namespaced: false, singular: "clusterrole"),
        ResourceType(
            "rbac.authorization.k8s.io", "v1", "clusterrolebindings", kind: "ClusterRoleBinding", namespaced: false,
            singular: "clusterrolebinding"),
    ]

    /// Group versions in discovery order. autoscaling/v1 is not listed: Scale is only a subresource, and kubectl
    /// (`api-resources`) fails on a listed group version without resources.
    static let groupVersions: [(group: String, version: String)] = [
        ("", "v1"), ("apps", "v1"), ("batch", "v1"), ("events.k8s.io", "v1"), ("policy", "v1"), ("rbac.authorization.k8s.io", "v1"),
        ("coordination.k8s.io", "v1"), ("discovery.k8s.io", "v1"), ("authorization.k8s.io", "v1"),
    ]

    public static func find(group: String, version: String, resource: String) -> ResourceType? {
        all.first { $0.descriptor.group == group && $0.descriptor.version == version && $0.descriptor.resource == resource }
    }

    /// The resource of a manifest's `apiVersion` and `kind`.
    public static func find(apiVersion: String, kind: String) -> ResourceType? {
        all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// A resource by plural, singular, short name or kind, as kubectl resolves `get deploy`; the core group wins ties.
    public static func find(name: String) -> ResourceType? {
        let lowered = name.lowercased()
        return all.first {
            $0.descriptor.resource == lowered || $0.singularName == lowered || $0.shortNames.contains(lowered)
                || $0.kind.lowercased() == lowered
        }
    }

    public static let pods = find(group: "", version: "v1", resource: "pods")!
    public static let namespaces = find(group: "", version: "v1", resource: "namespaces")!
    static let services = find(group: "", version: "v1", resource: "services")!
    static let coreEvents = find(group: "", version: "v1", resource: "events")!
    static let budgets = find(group: "policy", version: "v1", resource: "poddisruptionbudgets")!
    static let serviceAccounts = find(group: "", version: "v1", resource: "serviceaccounts")!
}
