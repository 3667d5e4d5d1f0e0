import KubeAPI

/// The scale of the controllers that own pods, as the disruption controller's "finders" resolve it: a pod's
/// controller owner reference leads to the object whose `spec.replicas` is the expected number of pods.
///
/// A ReplicaSet that a Deployment controls resolves to the Deployment, keyed by the Deployment's UID, so the
/// old and new ReplicaSets of a rollout are counted once. Anything else with a scale subresource (a bare
/// ReplicaSet, a StatefulSet, a ReplicationController, a custom resource) resolves to itself.
public struct ControllerScales: Sendable, Hashable {
    /// The controller a pod's owner reference resolves to, and its desired replica count.
    public struct Scale: Sendable, Hashable {
        public var uid: String
        public var replicas: Int

        public init(uid: String, replicas: Int) {
            self.uid = uid
            self.replicas = replicas
        }
    }

    private var byOwnerUID: [String: Scale]

    /// Scales keyed by the UID a pod's controller owner reference names.
    public init(byOwnerUID: [String: Scale] = [:]) {
        self.byOwnerUID = byOwnerUID
    }

    /// Resolves the workloads of one namespace. `spec.replicas` missing counts as 1, the API server's default.
    public init(replicaSets: [ReplicaSet] = [], deployments: [Deployment] = [], statefulSets: [StatefulSet] = []) {
        var scales: [String: Scale] = [:]
        var deploymentsByUID: [String: Deployment] = [:]
        for deployment in deployments {
            guard let uid = deployment.metadata.uid else { continue }
            deploymentsByUID[uid] = deployment
        }
        for replicaSet in replicaSets {
            guard let uid = replicaSet.metadata.uid else { continue }
            if let owner = replicaSet.metadata.controller, owner.kind == "Deployment",
                let deployment = deploymentsByUID[owner.uid]
            {
                scales[uid] = Scale(uid: owner.uid, replicas: deployment.spec?.replicas ?? 1)
            } else {
                scales[uid] = Scale(uid: uid, replicas: replicaSet.spec?.replicas ?? 1)
            }
        }
        for statefulSet in statefulSets {
            guard let uid = statefulSet.metadata.uid else { continue }
            scales[uid] = Scale(uid: uid, replicas: statefulSet.spec?.replicas ?? 1)
        }
        self.byOwnerUID = scales
    }

    /// Adds (or replaces) the scale behind one owner UID, e.g. a custom resource's scale subresource.
    public mutating func set(ownerUID: String, to scale: Scale) {
        byOwnerUID[ownerUID] = scale
    }

    public func scale(forOwnerUID uid: String) -> Scale? {
        byOwnerUID[uid]
    }
}
