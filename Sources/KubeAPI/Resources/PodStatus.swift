import Foundation

/// The part of `core/v1 PodStatus` the tool reads.
public struct PodStatus: Codable, Sendable, Hashable {
    /// Condition type that says the pod is ready to serve.
    public static let readyCondition = "Ready"

    public var phase: PodPhase?
    public var conditions: [Condition]?
    public var containerStatuses: [ContainerStatus]?
    public var podIP: String?
    public var startTime: Date?
    /// Why the pod is in this state, e.g. `Evicted`.
    public var reason: String?
    public var message: String?

    public init(
        phase: PodPhase? = nil,
        conditions: [Condition]? = nil,
        containerStatuses: [ContainerStatus]? = nil,
        podIP: String? = nil,
        startTime: Date? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.containerStatuses = containerStatuses
        self.podIP = podIP
        self.startTime = startTime
        self.reason = reason
        self.message = message
    }
}
