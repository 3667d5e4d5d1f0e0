import KubeAPI
import Testing

/// The REST identity of each typed resource, checked through the paths it produces.
struct DescriptorCase: Sendable, CustomTestStringConvertible {
    let descriptor: ResourceDescriptor
    let apiVersion: String
    let kind: String
    let collectionInDemo: String

    var testDescription: String { kind }
}

@Suite("Resource descriptors")
struct ResourceDescriptorTests {
    static let cases: [DescriptorCase] = [
        DescriptorCase(descriptor: Pod.resource, apiVersion: "v1", kind: "Pod", collectionInDemo: "/api/v1/namespaces/demo/pods"),
        DescriptorCase(descriptor: Namespace.resource, apiVersion: "v1", kind: "Namespace", collectionInDemo: "/api/v1/namespaces"),
        DescriptorCase(descriptor: Node.resource, apiVersion: "v1", kind: "Node", collectionInDemo: "/api/v1/nodes"),
        DescriptorCase(
            descriptor: Service.resource, apiVersion: "v1", kind: "Service", collectionInDemo: "/api/v1/namespaces/demo/services"),
        DescriptorCase(
            descriptor: ConfigMap.resource, apiVersion: "v1", kind: "ConfigMap", collectionInDemo: "/api/v1/namespaces/demo/configmaps"),
        DescriptorCase(
            descriptor: ReplicaSet.resource, apiVersion: "apps/v1", kind: "ReplicaSet",
            collectionInDemo: "/apis/apps/v1/namespaces/demo/replicasets"),
        DescriptorCase(
            descriptor: Deployment.resource, apiVersion: "apps/v1", kind: "Deployment",
            collectionInDemo: "/apis/apps/v1/namespaces/demo/deployments"),
        DescriptorCase(
            descriptor: StatefulSet.resource, apiVersion: "apps/v1", kind: "StatefulSet",
            collectionInDemo: "/apis/apps/v1/namespaces/demo/statefulsets"),
        DescriptorCase(
            descriptor: DaemonSet.resource, apiVersion: "apps/v1", kind: "DaemonSet",
            collectionInDemo: "/apis/apps/v1/namespaces/demo/daemonsets"),
        DescriptorCase(
            descriptor: Job.resource, apiVersion: "batch/v1", kind: "Job", collectionInDemo: "/apis/batch/v1/namespaces/demo/jobs"),
        DescriptorCase(
            descriptor: PodDisruptionBudget.resource, apiVersion: "policy/v1", kind: "PodDisruptionBudget",
            collectionInDemo: "/apis/policy/v1/namespaces/demo/poddisruptionbudgets"),
        DescriptorCase(
            descriptor: Event.resource, apiVersion: "events.k8s.io/v1", kind: "Event",
            collectionInDemo: "/apis/events.k8s.io/v1/namespaces/demo/events"),
        DescriptorCase(
            descriptor: Lease.resource, apiVersion: "coordination.k8s.io/v1", kind: "Lease",
            collectionInDemo: "/apis/coordination.k8s.io/v1/namespaces/demo/leases"),
        DescriptorCase(
            descriptor: EndpointSlice.resource, apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice",
            collectionInDemo: "/apis/discovery.k8s.io/v1/namespaces/demo/endpointslices"),
    ]

    @Test(arguments: cases)
    func identity(_ row: DescriptorCase) {
        #expect(row.descriptor.apiVersion == row.apiVersion)
        #expect(row.descriptor.kind == row.kind)
        #expect(row.descriptor.collectionPath(namespace: "demo") == row.collectionInDemo)
    }

    @Test func subresourcePathsForEvictionAndScale() {
        #expect(
            Pod.resource.objectPath(namespace: "demo", name: "web-1", subresource: Eviction.subresource)
                == "/api/v1/namespaces/demo/pods/web-1/eviction")
        #expect(
            Deployment.resource.objectPath(namespace: "demo", name: "nginx", subresource: Scale.subresource)
                == "/apis/apps/v1/namespaces/demo/deployments/nginx/scale")
    }

    @Test func newObjectsCarryTheirTypeForTheServer() {
        #expect(Deployment(metadata: ObjectMeta(name: "d")).kind == "Deployment")
        #expect(Deployment(metadata: ObjectMeta(name: "d")).apiVersion == "apps/v1")
        #expect(Lease(metadata: ObjectMeta(name: "l")).apiVersion == "coordination.k8s.io/v1")
        #expect(Scale(spec: .init(replicas: 2)).apiVersion == "autoscaling/v1")
    }

    @Test func referenceToAnObjectNamesItsTypeAndIdentity() throws {
        let pod = try Fixtures.decode(Pod.self, from: "pod.json")
        let reference = ObjectReference(to: pod)
        #expect(reference.apiVersion == pod.apiVersion)
        #expect(reference.kind == pod.kind)
        #expect(reference.namespace == "demo")
        #expect(reference.name == pod.metadata.name)
        #expect(reference.uid == pod.metadata.uid)
        #expect(reference.resourceVersion == pod.metadata.resourceVersion)
        #expect(reference.fieldPath == nil)
        #expect(ObjectReference(to: Node(metadata: ObjectMeta(name: "fake-node-1"))).namespace == nil)
    }
}
