import Foundation

/// `policy/v1 PodDisruptionBudget`: how many of the selected pods may be voluntarily disrupted right now.
public struct PodDisruptionBudget: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "policy", version: "v1", resource: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true)

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

    /// The disruption controller has seen the current spec, so `status` speaks for it. A stale status may allow
    /// disruptions the new spec forbids; the eviction API checks this too and answers 429 until it catches up.
    public var isStatusCurrent: Bool {
        guard let observed = status?.observedGeneration else { return false }
        return observed >= (metadata.generation ?? 0)
    }

    /// At least one more pod may be evicted now, by a status that reflects the current spec.
    public var allowsDisruption: Bool { isStatusCurrent && (status?.disruptionsAllowed ?? 0) > 0 }

    public struct Spec: Codable, Sendable, Hashable {
        /// At most one of `minAvailable` and `maxUnavailable` is set; each a count or a percentage.
        public var minAvailable: IntOrString?
        public var maxUnavailable: IntOrString?
        public var selector: LabelSelector?
        /// `IfHealthyBudget` (the default) or `AlwaysAllow`.
        public var unhealthyPodEvictionPolicy: String?

        public init(
            minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil, selector: LabelSelector? = nil,
            unhealthyPodEvictionPolicy: String? = nil
        ) {
            self.minAvailable = minAvailable
            self.maxUnavailable = maxUnavailable
            self.selector = selector
            self.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var disruptionsAllowed: Int?
        public var currentHealthy: Int?
        public var desiredHealthy: Int?
        public var expectedPods: Int?
        /// Pods evicted but not yet seen deleted by the controller, with the eviction time.
        public var disruptedPods: [String: Date]?
        public var conditions: [Condition]?

        public init(
            observedGeneration: Int64? = nil, disruptionsAllowed: Int? = nil, currentHealthy: Int? = nil, desiredHealthy: Int? = nil,
            expectedPods: Int? = nil, disruptedPods: [String: Date]? = nil, conditions: [Condition]? = nil
        ) {
            self.observedGeneration = observedGeneration
            self.disruptionsAllowed = disruptionsAllowed
            self.currentHealthy = currentHealthy
            self.desiredHealthy = desiredHealthy
            self.expectedPods = expectedPods
            self.disruptedPods = disruptedPods
            self.conditions = conditions
        }
    }
}
