/// `core/v1 Pod`, the object the chaos engine kills.
public struct Pod: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)

    /// Annotation the kubelet puts on mirror pods of static pods: the API cannot delete those for real.
    public static let mirrorAnnotation = "kubernetes.io/config.mirror"

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec? = nil, status: PodStatus? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The `Ready` condition is `True`: the pod serves traffic.
    public var isReady: Bool { status?.conditions?[type: PodStatus.readyCondition]?.isTrue ?? false }

    /// Deletion has begun (`deletionTimestamp` set); the pod may still be running out its grace period.
    public var isTerminating: Bool { metadata.deletionTimestamp != nil }

    /// A kubelet-managed mirror of a static pod.
    public var isMirror: Bool { metadata.annotations?[Self.mirrorAnnotation] != nil }

    public var phase: PodPhase? { status?.phase }
}
