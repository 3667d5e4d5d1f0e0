/// `events.k8s.io/v1 Event`: what the tool records against each pod it kills, for `kubectl events` to show.
public struct Event: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "events.k8s.io", version: "v1", resource: "events", kind: "Event", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    /// Values of `type`.
    public static let normal = "Normal"
    public static let warning = "Warning"

    public var metadata: ObjectMeta
    /// Required on create, to the microsecond.
    public var eventTime: MicroTime?
    public var series: Series?
    /// The component that reports, as `example.com/pod-chaos`.
    public var reportingController: String?
    /// The instance of that component, e.g. its pod name.
    public var reportingInstance: String?
    /// What was done: `DeletePod`, `EvictPod`.
    public var action: String?
    /// Why, in UpperCamelCase: `ChaosPodKilled`.
    public var reason: String?
    public var regarding: ObjectReference?
    public var related: ObjectReference?
    /// Human-readable, at most 1 kB.
    public var note: String?
    /// `Normal` or `Warning`.
    public var type: String?

    public init(
        metadata: ObjectMeta,
        eventTime: MicroTime? = nil,
        series: Series? = nil,
        reportingController: String? = nil,
        reportingInstance: String? = nil,
        action: String? = nil,
        reason: String? = nil,
        regarding: ObjectReference? = nil,
        related: ObjectReference? = nil,
        note: String? = nil,
        type: String? = nil
    ) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.eventTime = eventTime
        self.series = series
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.related = related
        self.note = note
        self.type = type
    }

    /// Set when the same event repeats: how often, and when it was last seen.
    public struct Series: Codable, Sendable, Hashable {
        public var count: Int
        public var lastObservedTime: MicroTime

        public init(count: Int, lastObservedTime: MicroTime) {
            self.count = count
            self.lastObservedTime = lastObservedTime
        }
    }
}
