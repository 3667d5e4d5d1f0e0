import Foundation
import KubeAPI
import KubeSandbox

/// Builds the pods and budgets of the disruption tables: only the fields the arithmetic reads.
enum PodFactory {
    static let namespace = "demo"
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    static func owner(kind: String = "ReplicaSet", name: String = "web-rs", uid: String = "rs-uid") -> OwnerReference {
        OwnerReference(apiVersion: "apps/v1", kind: kind, name: name, uid: uid, controller: true)
    }

    static func pod(
        _ name: String, labels: [String: String]? = ["app": "web"], namespace: String = namespace, phase: PodPhase? = .running,
        ready: Bool = true, terminating: Bool = false, owner: OwnerReference? = owner()
    ) -> Pod {
        var metadata = ObjectMeta(
            name: name, namespace: namespace, uid: "uid-\(name)", labels: labels, ownerReferences: owner.map { [$0] })
        if terminating { metadata.deletionTimestamp = epoch }
        let status = PodStatus(phase: phase, conditions: [Condition(type: "Ready", status: ready ? "True" : "False")])
        return Pod(metadata: metadata, status: status)
    }

    /// `count` pods of one ReplicaSet, the first `ready` of them Ready.
    static func pods(_ count: Int, ready: Int, prefix: String = "web") -> [Pod] {
        (0..<count).map { pod("\(prefix)-\($0)", ready: $0 < ready) }
    }

    static func budget(
        _ name: String = "web-pdb", minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil,
        selector: LabelSelector? = LabelSelector(matchLabels: ["app": "web"]), namespace: String = namespace,
        generation: Int64 = 1, status: PodDisruptionBudget.Status? = nil, policy: String? = nil
    ) -> PodDisruptionBudget {
        var metadata = ObjectMeta(name: name, namespace: namespace)
        metadata.generation = generation
        return PodDisruptionBudget(
            metadata: metadata,
            spec: .init(minAvailable: minAvailable, maxUnavailable: maxUnavailable, selector: selector, unhealthyPodEvictionPolicy: policy),
            status: status)
    }

    /// Scales where the ReplicaSet `rs-uid` wants `replicas` pods.
    static func scales(replicas: Int) -> ControllerScales {
        ControllerScales(byOwnerUID: ["rs-uid": .init(uid: "rs-uid", replicas: replicas)])
    }
}
