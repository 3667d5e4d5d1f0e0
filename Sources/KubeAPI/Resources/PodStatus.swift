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

/// `core/v1 PodPhase`. A struct rather than an enum so that a phase a newer server adds still decodes.
public struct PodPhase: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending = PodPhase(rawValue: "Pending")
    public static let running = PodPhase(rawValue: "Running")
    public static let succeeded = PodPhase(rawValue: "Succeeded")
    public static let failed = PodPhase(rawValue: "Failed")
    public static let unknown = PodPhase(rawValue: "Unknown")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
