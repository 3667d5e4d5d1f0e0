/// What became of the notifications so far, summed over all targets.
public struct WebhookStatistics: Sendable, Hashable {
    /// Accepted by the receiver (2xx).
    public var delivered = 0
    /// Refused for good (4xx other than 429), or still failing after the last retry.
    public var failed = 0
    /// Dropped from a full buffer to make room for a newer one.
    public var dropped = 0
    /// Still queued or in flight when shutdown's drain timeout ended delivery.
    public var abandoned = 0
    /// HTTP requests sent, retries included.
    public var attempts = 0

    public init() {}
}
