import KubeAPI
import Testing

@testable import PodChaos

/// A pod's controller resolved from what was read, with no I/O.
@Suite("Owner index")
struct OwnerIndexTests {
    static func reference(_ kind: String, _ name: String, uid: String) -> OwnerReference {
        OwnerReference(apiVersion: "apps/v1", kind: kind, name: name, uid: uid, controller: true)
    }

    static func pod(owner: OwnerReference?, namespace: String = "demo") -> Pod {
        var meta = ObjectMeta(name: "p", namespace: namespace)
        meta.ownerReferences = owner.map { [$0] }
        return Pod(metadata: meta)
    }

    static func replicaSet(_ name: String, uid: String, deployment: OwnerReference?, namespace: String = "demo") -> ReplicaSet {
        var meta = ObjectMeta(name: name, namespace: namespace, uid: uid)
        meta.ownerReferences = deployment.map { [$0] }
        return ReplicaSet(metadata: meta)
    }

    static let web = Workload(kind: "Deployment", name: "web", namespace: "demo", uid: "d1", desiredReplicas: 3, readyReplicas: 3)

    @Test("A ReplicaSet's pod resolves to its Deployment")
    func throughReplicaSet() {
        var index = OwnerIndex()
        index.insert(Self.replicaSet("web-1", uid: "r1", deployment: Self.reference("Deployment", "web", uid: "d1")))
        index.insert(Self.web)
        #expect(index.workload(for: Self.pod(owner: Self.reference("ReplicaSet", "web-1", uid: "r1"))) == Self.web)
        #expect(index.missingParents.isEmpty)
    }

    @Test("A ReplicaSet without a Deployment is the workload itself")
    func bareReplicaSet() {
        var index = OwnerIndex()
        index.insert(Self.replicaSet("solo", uid: "r2", deployment: nil))
        #expect(index.workload(for: Self.pod(owner: Self.reference("ReplicaSet", "solo", uid: "r2")))?.kind == "ReplicaSet")
    }

    @Test("A controller not read, replaced under the same name, or in another namespace has unknown readiness")
    func unknown() {
        var index = OwnerIndex()
        index.insert(Self.web)
        let replaced = index.workload(for: Self.pod(owner: Self.reference("Deployment", "web", uid: "d-other")))
        #expect(replaced?.uid == "d-other")
        #expect(replaced?.readyReplicas == nil)
        #expect(
            index.workload(for: Self.pod(owner: Self.reference("Deployment", "web", uid: "d1"), namespace: "other"))?.readyReplicas == nil)
        #expect(index.workload(for: Self.pod(owner: Self.reference("Deployment", "gone", uid: "d9")))?.isFullyReady == false)
        #expect(index.workload(for: Self.pod(owner: nil)) == nil)
    }

    @Test("A ReplicaSet whose Deployment was not read names it as missing, and resolves to it as unknown")
    func missingParent() {
        var index = OwnerIndex()
        index.insert(Self.replicaSet("web-1", uid: "r1", deployment: Self.reference("Deployment", "web", uid: "d1")))
        #expect(index.missingParents == [OwnerKey(kind: "Deployment", namespace: "demo", name: "web", uid: "d1")])
        let owner = index.workload(for: Self.pod(owner: Self.reference("ReplicaSet", "web-1", uid: "r1")))
        #expect(owner?.kind == "Deployment")
        #expect(owner?.readyReplicas == nil)
    }
}
