import Foundation

/// A status condition, in the shape Pods, Nodes, workloads and PodDisruptionBudgets share
/// (`type`, `status` "True"/"False"/"Unknown", `reason`, `message`, `lastTransitionTime`).
public struct Condition: Codable, Sendable, Hashable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: Date?
    public var observedGeneration: Int64?

    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil, lastTransitionTime: Date? = nil,
        observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }

    public var isTrue: Bool { status == "True" }
}

extension Array where Element == Condition {
    /// The condition of this type, if the object reports it.
    public subscript(type type: String) -> Condition? { first { $0.type == type } }
}
