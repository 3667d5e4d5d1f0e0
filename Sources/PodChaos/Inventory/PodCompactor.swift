import KubeAPI

/// Keeps the pods a run holds small. An inventory holds every pod in scope for the whole run, and the daemon's watch
/// cache for as long as it runs, so what each pod costs is multiplied by the size of the cluster.
///
/// `trim` drops what selection, safety, the report and recovery never read: the containers of the spec, every
/// condition but `Ready` and `PodScheduled`, and of each container status all but its name, readiness, restarts and
/// current state. `compact` is for a listing that is only selected from and killed, never observed for recovery: it
/// also drops the container statuses and of the conditions keeps only `Ready`'s type and status, and makes equal values
/// of different pods share one copy — namespaces, label and annotation maps, owner references, the `Ready` condition,
/// node and account names — which pods of one workload nearly all have in common. Its table lives as long as the compactor, so it is made for one listing, never
/// kept by a long-running cache.
public struct PodCompactor {
    private var strings: Set<String> = []
    private var maps: Set<[String: String]> = []
    private var owners: Set<[OwnerReference]> = []
    private var conditions: Set<[Condition]> = []

    public init() {}

    /// The conditions a trimmed pod keeps: readiness for selection and recovery, scheduling for recovery's reasons.
    static let keptConditions: Set<String> = [PodStatus.readyCondition, "PodScheduled"]

    /// `pod` without what the engine never reads.
    public static func trim(_ pod: Pod) -> Pod {
        var pod = pod
        pod.spec?.containers = nil
        if var status = pod.status {
            status.conditions = status.conditions?.filter { keptConditions.contains($0.type) }
            status.containerStatuses = status.containerStatuses?.map { container in
                ContainerStatus(
                    name: container.name, ready: container.ready, started: container.started,
                    restartCount: container.restartCount, state: container.state)
            }
            pod.status = status
        }
        return pod
    }

    /// `pod` with only what selection reads, its common values shared with the pods compacted before it.
    public mutating func compact(_ pod: Pod) -> Pod {
        var pod = Self.trim(pod)
        if var status = pod.status {
            status.conditions = status.conditions.map { all in
                conditions.insert(all.filter { $0.type == PodStatus.readyCondition }.map { Condition(type: $0.type, status: $0.status) })
                    .memberAfterInsert
            }
            status.containerStatuses = nil
            pod.status = status
        }
        pod.apiVersion = share(pod.apiVersion)
        pod.kind = share(pod.kind)
        pod.metadata.namespace = share(pod.metadata.namespace)
        pod.metadata.generateName = share(pod.metadata.generateName)
        pod.metadata.labels = share(pod.metadata.labels)
        pod.metadata.annotations = share(pod.metadata.annotations)
        pod.metadata.ownerReferences = pod.metadata.ownerReferences.map { owners.insert($0).memberAfterInsert }
        if var spec = pod.spec {
            spec.nodeName = share(spec.nodeName)
            spec.serviceAccountName = share(spec.serviceAccountName)
            spec.schedulerName = share(spec.schedulerName)
            pod.spec = spec
        }
        return pod
    }

    private mutating func share(_ string: String?) -> String? {
        // Strings of up to 15 UTF-8 bytes are stored inline and cost nothing to keep apart.
        guard let string, string.utf8.count > 15 else { return string }
        return strings.insert(string).memberAfterInsert
    }

    private mutating func share(_ map: [String: String]?) -> [String: String]? {
        map.map { maps.insert($0).memberAfterInsert }
    }
}
