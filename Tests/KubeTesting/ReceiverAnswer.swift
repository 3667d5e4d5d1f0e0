/// What a `WebhookReceiver` answers to one request.
public enum ReceiverAnswer: Sendable {
    case status(Int, retryAfter: String? = nil)
    /// A status with a text body, and a `Location` header when given.
    case body(Int, String, location: String? = nil)
    /// Holds the request open until the test releases the receiver (at the latest when `with` returns), then answers 200.
    case hang
}
