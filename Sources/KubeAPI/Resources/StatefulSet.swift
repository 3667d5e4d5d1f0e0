/// `apps/v1 StatefulSet`: pods with stable identities, recreated under the same name.
public struct StatefulSet: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apps", version: "v1", resource: "statefulsets", kind: "StatefulSet", namespaced: true)

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

    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var selector: LabelSelector?
        public var template: PodTemplateSpec?
        public var serviceName: String?
        public var minReadySeconds: Int?

        public init(
            replicas: Int? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec? = nil, serviceName: String? = nil,
            minReadySeconds: Int? = nil
        ) {
            self.replicas = replicas
            self.selector = selector
            self.template = template
            self.serviceName = serviceName
            self.minReadySeconds = minReadySeconds
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var replicas: Int?
        public var readyReplicas: Int?
        public var availableReplicas: Int?
        public var currentReplicas: Int?
        public var updatedReplicas: Int?
        public var currentRevision: String?
        public var updateRevision: String?
        public var conditions: [Condition]?

        public init(
            observedGeneration: Int64? = nil, replicas: Int? = nil, readyReplicas: Int? = nil, availableReplicas: Int? = nil,
            currentReplicas: Int? = nil, updatedReplicas: Int? = nil, currentRevision: String? = nil, updateRevision: String? = nil,
            conditions: [Condition]? = nil
        ) {
            self.observedGeneration = observedGeneration
            self.replicas = replicas
            self.readyReplicas = readyReplicas
            self.availableReplicas = availableReplicas
            self.currentReplicas = currentReplicas
            self.updatedReplicas = updatedReplicas
            self.currentRevision = currentRevision
            self.updateRevision = updateRevision
            self.conditions = conditions
        }
    }
}
