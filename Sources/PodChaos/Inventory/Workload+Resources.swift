import KubeAPI

extension Workload {
    init(_ meta: ObjectMeta, kind: String, desired: Int?, ready: Int?) {
        self.init(
            kind: kind, name: meta.name ?? "", namespace: meta.namespace ?? "", uid: meta.uid ?? "", desiredReplicas: desired,
            readyReplicas: ready, labels: meta.labels ?? [:], annotations: meta.annotations ?? [:])
    }

    public init(_ deployment: Deployment) {
        self.init(
            deployment.metadata, kind: "Deployment", desired: deployment.spec?.replicas ?? 1,
            ready: deployment.status?.readyReplicas ?? 0)
    }

    public init(_ statefulSet: StatefulSet) {
        self.init(
            statefulSet.metadata, kind: "StatefulSet", desired: statefulSet.spec?.replicas ?? 1,
            ready: statefulSet.status?.readyReplicas ?? 0)
    }

    public init(_ replicaSet: ReplicaSet) {
        self.init(
            replicaSet.metadata, kind: "ReplicaSet", desired: replicaSet.spec?.replicas ?? 1,
            ready: replicaSet.status?.readyReplicas ?? 0)
    }

    public init(_ daemonSet: DaemonSet) {
        self.init(
            daemonSet.metadata, kind: "DaemonSet", desired: daemonSet.status?.desiredNumberScheduled ?? 0,
            ready: daemonSet.status?.numberReady ?? 0)
    }

    public init(_ job: Job) {
        self.init(job.metadata, kind: "Job", desired: job.spec?.parallelism ?? 1, ready: job.status?.ready ?? 0)
    }

    /// A controller podchaosmonkey cannot read (another kind, or gone): its readiness is unknown, so the safety
    /// floor treats it as not fully ready and leaves its pods alone.
    init(reference: OwnerReference, namespace: String) {
        self.init(kind: reference.kind, name: reference.name, namespace: namespace, uid: reference.uid)
    }
}
