/// `apps/v1 Deployment`: desired replicas and how many are ready, available and up to date.
public struct Deployment: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)

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
        /// Nil means the server default of 1.
        public var replicas: Int?
        public var selector: LabelSelector?
        public var template: PodTemplateSpec?
        public var minReadySeconds: Int?
        public var paused: Bool?

        public init(
            replicas: Int? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec? = nil, minReadySeconds: Int? = nil,
            paused: Bool? = nil
        ) {
            self.replicas = replicas
            self.selector = selector
            self.template = template
            self.minReadySeconds = minReadySeconds
            self.paused = paused
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var replicas: Int?
        public var readyReplicas: Int?
        public var availableReplicas: Int?
        public var updatedReplicas: Int?
        public var unavailableReplicas: Int?
        public var conditions: [Condition]?

        public init(
            observedGeneration: Int64? = nil, replicas: Int? = nil, readyReplicas: Int? = nil, availableReplicas: Int? = nil,
            updatedReplicas: Int? = nil, unavailableReplicas: Int? = nil, conditions: [Condition]? = nil
        ) {
            self.observedGeneration = observedGeneration
            self.replicas = replicas
            self.readyReplicas = readyReplicas
            self.availableReplicas = availableReplicas
            self.updatedReplicas = updatedReplicas
            self.unavailableReplicas = unavailableReplicas
            self.conditions = conditions
        }
    }
}
