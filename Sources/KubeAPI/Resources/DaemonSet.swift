/// `apps/v1 DaemonSet`: one pod per eligible node, counted in "number scheduled" rather than replicas.
public struct DaemonSet: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "apps", version: "v1", resource: "daemonsets", kind: "DaemonSet", namespaced: true)

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
        public var selector: LabelSelector?
        public var template: PodTemplateSpec?
        public var minReadySeconds: Int?

        public init(selector: LabelSelector? = nil, template: PodTemplateSpec? = nil, minReadySeconds: Int? = nil) {
            self.selector = selector
            self.template = template
            self.minReadySeconds = minReadySeconds
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var desiredNumberScheduled: Int?
        public var currentNumberScheduled: Int?
        public var numberReady: Int?
        public var numberAvailable: Int?
        public var numberUnavailable: Int?
        public var numberMisscheduled: Int?
        public var updatedNumberScheduled: Int?
        public var conditions: [Condition]?

        public init(
            observedGeneration: Int64? = nil, desiredNumberScheduled: Int? = nil, currentNumberScheduled: Int? = nil,
            numberReady: Int? = nil, numberAvailable: Int? = nil, numberUnavailable: Int? = nil, numberMisscheduled: Int? = nil,
            updatedNumberScheduled: Int? = nil, conditions: [Condition]? = nil
        ) {
            self.observedGeneration = observedGeneration
            self.desiredNumberScheduled = desiredNumberScheduled
            self.currentNumberScheduled = currentNumberScheduled
            self.numberReady = numberReady
            self.numberAvailable = numberAvailable
            self.numberUnavailable = numberUnavailable
            self.numberMisscheduled = numberMisscheduled
            self.updatedNumberScheduled = updatedNumberScheduled
            self.conditions = conditions
        }
    }
}
