/// `core/v1 Node`: whether it is cordoned and whether the kubelet reports it ready.
public struct Node: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(group: "", version: "v1", resource: "nodes", kind: "Node", namespaced: false)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var isReady: Bool { status?.conditions?[type: "Ready"]?.isTrue ?? false }
    public var isUnschedulable: Bool { spec?.unschedulable ?? false }

    public struct Spec: Codable, Sendable, Hashable {
        /// Set by `kubectl cordon`.
        public var unschedulable: Bool?

        public init(unschedulable: Bool? = nil) {
            self.unschedulable = unschedulable
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var conditions: [Condition]?

        public init(conditions: [Condition]? = nil) {
            self.conditions = conditions
        }
    }
}
