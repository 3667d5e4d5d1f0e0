import Foundation
import KubeAPI

@testable import PodChaos

/// Builds candidates for selection tests: a Running, Ready pod of a fully ready 3-replica Deployment unless told otherwise.
struct CandidateBuilder {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func workload(
        _ name: String = "web", kind: String = "Deployment", namespace: String = "demo", desired: Int? = 3, ready: Int? = 3,
        labels: [String: String] = [:], annotations: [String: String] = [:]
    ) -> Workload {
        Workload(
            kind: kind, name: name, namespace: namespace, uid: "uid-\(kind)-\(name)", desiredReplicas: desired, readyReplicas: ready,
            labels: labels, annotations: annotations)
    }

    static func pod(
        _ name: String, namespace: String = "demo", phase: PodPhase = .running, ready: Bool = true, terminating: Bool = false,
        labels: [String: String] = ["app": "web"], annotations: [String: String] = [:], age: TimeInterval = 3600,
        owner: Workload? = workload(), namespaceLabels: [String: String] = [:]
    ) -> Candidate {
        var meta = ObjectMeta(name: name, namespace: namespace, uid: "uid-\(name)", labels: labels, annotations: annotations)
        meta.creationTimestamp = now.addingTimeInterval(-age)
        if terminating { meta.deletionTimestamp = now }
        let status = PodStatus(
            phase: phase, conditions: [Condition(type: "Ready", status: ready ? "True" : "False")])
        return Candidate(
            pod: Pod(metadata: meta, spec: PodSpec(nodeName: "node-1"), status: status), owner: owner, namespaceLabels: namespaceLabels)
    }
}
