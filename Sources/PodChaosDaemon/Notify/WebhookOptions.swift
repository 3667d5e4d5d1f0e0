/// Tuning of webhook delivery; the defaults suit a daemon that kills a few pods an hour.
public struct WebhookOptions: Sendable, Hashable {
    /// Notifications kept per target while it is slow or down; beyond that the oldest is dropped.
    public var bufferCapacity: Int
    /// One HTTP request, from connecting to the last byte of the answer.
    public var requestTimeout: Duration
    public var retry: WebhookRetryPolicy
    /// On graceful shutdown, how long queued notifications may still be delivered before they are abandoned.
    public var drainTimeout: Duration

    public init(
        bufferCapacity: Int = 256, requestTimeout: Duration = .seconds(10), retry: WebhookRetryPolicy = .init(),
        drainTimeout: Duration = .seconds(10)
    ) {
        self.bufferCapacity = max(1, bufferCapacity)
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.drainTimeout = drainTimeout
    }
}
