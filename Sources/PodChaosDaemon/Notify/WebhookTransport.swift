/// Carries one webhook request and brings back the answer: the only part of delivery that does I/O, so that retries,
/// queues, ordering and redaction run in-process against a scripted transport in tests.
protocol WebhookTransport: Sendable {
    /// The answer's status and headers (its body is read and discarded). Throws when there is no answer: a
    /// connection error, a timeout, or cancellation.
    func post(_ request: WebhookRequest) async throws -> WebhookResponse
}
