import Foundation
import KubeAPI
import Testing

@testable import PodChaos

/// What a run keeps of each pod it lists: everything the engine reads, and nothing else twice.
@Suite("Pod compactor")
struct PodCompactorTests {
    static let created = Date(timeIntervalSince1970: 1_800_000_000)
    static let replicaSet = OwnerReference(
        apiVersion: "apps/v1", kind: "ReplicaSet", name: "checkout-web-7d9c8b6f5d", uid: "6f1c2a9e-0b7d-4c55-9a55-2f0f6b1d8e11",
        controller: true, blockOwnerDeletion: true)

    /// A pod of a Deployment as a kube-apiserver serves it, with the parts the engine never reads filled in too.
    static func pod(_ name: String, uid: String, phase: PodPhase = .running) -> Pod {
        var meta = ObjectMeta(
            name: name, generateName: fresh("checkout-web-7d9c8b6f5d-"), namespace: fresh("payments-production"), uid: uid,
            resourceVersion: "4242",
            labels: ["app.kubernetes.io/name": "checkout-web", "pod-template-hash": "7d9c8b6f5d"],
            annotations: ["podchaosmonkey.io/enabled": "true", "prometheus.io/scrape": "true"],
            ownerReferences: [replicaSet])
        meta.creationTimestamp = created
        meta.finalizers = ["example.com/keep"]
        let spec = PodSpec(
            nodeName: fresh("ip-10-0-12-34.eu-west-1.compute.internal"),
            containers: [Container(name: "web", image: "registry.example.com/checkout/web:1.42.0")],
            terminationGracePeriodSeconds: 45, serviceAccountName: fresh("checkout-web-runtime"),
            schedulerName: fresh("default-scheduler"))
        var web = ContainerStatus(
            name: "web", ready: true, started: true, restartCount: 2, state: ContainerState(running: .init(startedAt: created)),
            lastState: ContainerState(terminated: .init(reason: "OOMKilled", exitCode: 137)))
        web.image = "registry.example.com/checkout/web:1.42.0"
        web.containerID = "containerd://0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
        let status = PodStatus(
            phase: phase,
            conditions: [
                Condition(type: "PodReadyToStartContainers", status: "True", lastTransitionTime: created),
                Condition(type: "Initialized", status: "True", lastTransitionTime: created),
                Condition(type: "Ready", status: "True", lastTransitionTime: created),
                Condition(type: "ContainersReady", status: "True", lastTransitionTime: created),
                Condition(type: "PodScheduled", status: "True", lastTransitionTime: created),
            ],
            containerStatuses: [web], podIP: "10.0.12.200", startTime: created)
        return Pod(metadata: meta, spec: spec, status: status)
    }

    /// A string of its own, as a decoder makes one: a literal would be one constant every pod shares anyway.
    static func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }

    static let fields = [
        "metadata.name", "metadata.namespace", "metadata.uid", "status.phase", "spec.nodeName", "spec.serviceAccountName",
        "spec.schedulerName", "status.podIP",
    ]

    @Test("Trimming keeps everything selection, safety and recovery read")
    func trimKeepsWhatIsRead() {
        let pod = Self.pod("checkout-web-7d9c8b6f5d-x2k9p", uid: "0b5e6c1a-9f7d-4e2b-8a3c-5d6e7f8091a2")
        let trimmed = PodCompactor.trim(pod)
        for field in Self.fields { #expect(trimmed.fieldValue(field) == pod.fieldValue(field), "\(field)") }
        #expect(trimmed.metadata == pod.metadata)
        #expect(trimmed.isReady && trimmed.phase == .running && !trimmed.isTerminating && !trimmed.isMirror)
        #expect(trimmed.spec?.terminationGracePeriodSeconds == 45)
        #expect(trimmed.status?.conditions?[type: "PodScheduled"] == pod.status?.conditions?[type: "PodScheduled"])
        #expect(trimmed.status?.startTime == Self.created)
        let web = trimmed.status?.containerStatuses?.first
        #expect(web?.name == "web" && web?.ready == true && web?.started == true && web?.restartCount == 2)
        #expect(web?.state?.running?.startedAt == Self.created)
    }

    @Test("Trimming drops the containers, the other conditions and what container statuses say beyond their state")
    func trimDropsWhatIsNotRead() {
        let trimmed = PodCompactor.trim(Self.pod("checkout-web-7d9c8b6f5d-x2k9p", uid: "u1"))
        #expect(trimmed.spec?.containers == nil)
        #expect(trimmed.status?.conditions?.map(\.type) == ["Ready", "PodScheduled"])
        let web = trimmed.status?.containerStatuses?.first
        #expect(web?.lastState == nil && web?.image == nil && web?.containerID == nil)
    }

    @Test("A pod without spec or status trims to itself")
    func trimBarePod() {
        let bare = Pod(metadata: ObjectMeta(name: "bare", namespace: "demo", uid: "u"))
        #expect(PodCompactor.trim(bare) == bare)
    }

    @Test("Compacting keeps what selection reads and shares the values pods of one workload have in common")
    func compactShares() throws {
        let first = Self.pod("checkout-web-7d9c8b6f5d-x2k9p", uid: "0b5e6c1a-9f7d-4e2b-8a3c-5d6e7f8091a2")
        let second = Self.pod("checkout-web-7d9c8b6f5d-q8w3z", uid: "7c2d4e6f-8a0b-4c1d-9e2f-3a4b5c6d7e8f")
        var compactor = PodCompactor()
        let a = compactor.compact(first)
        let b = compactor.compact(second)
        for (compacted, original) in [(a, first), (b, second)] {
            var expected = PodCompactor.trim(original)
            expected.status?.conditions = [Condition(type: "Ready", status: "True")]
            expected.status?.containerStatuses = nil
            #expect(compacted == expected)
            for field in Self.fields { #expect(compacted.fieldValue(field) == original.fieldValue(field), "\(field)") }
            #expect(compacted.isReady && compacted.metadata == original.metadata)
        }
        #expect(Self.sameStorage(a.metadata.labels, b.metadata.labels))
        #expect(Self.sameStorage(a.metadata.annotations, b.metadata.annotations))
        #expect(Self.sameStorage(a.metadata.ownerReferences, b.metadata.ownerReferences))
        #expect(Self.sameStorage(a.status?.conditions, b.status?.conditions))
        #expect(Self.sameStorage(a.metadata.namespace, b.metadata.namespace))
        #expect(Self.sameStorage(a.spec?.nodeName, b.spec?.nodeName))
        #expect(Self.sameStorage(a.spec?.serviceAccountName, b.spec?.serviceAccountName))
        #expect(!Self.sameStorage(a.metadata.uid, b.metadata.uid))
        // Decoded separately, equal values start out apart: what the compactor saves.
        #expect(!Self.sameStorage(first.metadata.labels, second.metadata.labels))
        #expect(!Self.sameStorage(first.metadata.namespace, second.metadata.namespace))
    }

    /// Whether two values are bit for bit the same, which for heap-backed strings, dictionaries and arrays means one
    /// shared copy.
    static func sameStorage<T>(_ a: T, _ b: T) -> Bool {
        withUnsafeBytes(of: a) { a in withUnsafeBytes(of: b) { b in a.elementsEqual(b) } }
    }

    @Test("A candidate is a value: changing a copy leaves the original as it was")
    func candidateIsAValue() {
        let pod = Self.pod("checkout-web-7d9c8b6f5d-x2k9p", uid: "u1")
        let web = Workload(kind: "Deployment", name: "checkout-web", namespace: "payments-production", uid: "d1")
        let original = Candidate(pod: pod, owner: web, namespaceLabels: ["team": "payments"])
        var copy = original
        copy.owner = nil
        copy.namespaceLabels = [:]
        copy.pod.metadata.name = "renamed"
        #expect(original.owner == web && original.namespaceLabels == ["team": "payments"] && original.name == pod.metadata.name)
        #expect(copy.owner == nil && copy.name == "renamed" && copy != original)
        var same = copy
        same.owner = nil
        #expect(same == copy && same.hashValue == copy.hashValue)
    }
}
