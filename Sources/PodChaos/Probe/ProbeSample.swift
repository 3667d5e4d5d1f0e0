import Foundation

/// One request of a probe: when it was sent, how long its answer took, and whether it succeeded.
public struct ProbeSample: Sendable, Hashable {
    public var sentAt: Date
    public var latency: Duration
    /// Why it failed, one line; nil for a success.
    public var failure: String?
    /// A Prometheus probe's value, when the query answered one.
    public var value: Double?

    public init(sentAt: Date, latency: Duration, failure: String? = nil, value: Double? = nil) {
        self.sentAt = sentAt
        self.latency = latency
        self.failure = failure
        self.value = value
    }

    public var succeeded: Bool { failure == nil }
}
