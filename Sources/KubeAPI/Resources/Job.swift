import Foundation

/// `batch/v1 Job`: run-to-completion pods, counted as active, succeeded and failed.
public struct Job: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(group: "batch", version: "v1", resource: "jobs", kind: "Job", namespaced: true)

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
        public var parallelism: Int?
        public var completions: Int?
        public var backoffLimit: Int?
        public var selector: LabelSelector?
        public var template: PodTemplateSpec?

        public init(
            parallelism: Int? = nil, completions: Int? = nil, backoffLimit: Int? = nil, selector: LabelSelector? = nil,
            template: PodTemplateSpec? = nil
        ) {
            self.parallelism = parallelism
            self.completions = completions
            self.backoffLimit = backoffLimit
            self.selector = selector
            self.template = template
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var active: Int?
        public var succeeded: Int?
        public var failed: Int?
        public var ready: Int?
        public var startTime: Date?
        public var completionTime: Date?
        public var conditions: [Condition]?

        public init(
            active: Int? = nil, succeeded: Int? = nil, failed: Int? = nil, ready: Int? = nil, startTime: Date? = nil,
            completionTime: Date? = nil, conditions: [Condition]? = nil
        ) {
            self.active = active
            self.succeeded = succeeded
            self.failed = failed
            self.ready = ready
            self.startTime = startTime
            self.completionTime = completionTime
            self.conditions = conditions
        }
    }
}
