/// The resources the controllers read and write, looked up once from the catalog.
enum ControlledResources {
    // The catalog is a constant table that names each of these, so the lookups cannot fail.
    static let pods = ResourceCatalog.pods
    static let namespaces = ResourceCatalog.namespaces
    static let nodes = find("", "nodes")
    static let services = find("", "services")
    static let events = find("", "events")
    static let deployments = find("apps", "deployments")
    static let replicaSets = find("apps", "replicasets")
    static let statefulSets = find("apps", "statefulsets")
    static let daemonSets = find("apps", "daemonsets")
    static let podDisruptionBudgets = find("policy", "poddisruptionbudgets")
    static let endpointSlices = find("discovery.k8s.io", "endpointslices")

    private static func find(_ group: String, _ resource: String) -> ResourceType {
        ResourceCatalog.all.first { $0.descriptor.group == group && $0.descriptor.resource == resource } ?? ResourceCatalog.pods
    }

    /// Everything the controller manager watches: what its controllers own, select or are owned by.
    static let watched: [ResourceType] = [
        pods, namespaces, nodes, services, deployments, replicaSets, statefulSets, daemonSets, podDisruptionBudgets, endpointSlices,
    ]
}
