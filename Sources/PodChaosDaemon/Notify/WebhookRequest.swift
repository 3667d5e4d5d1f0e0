import Foundation

/// One POST to one target, as the sender builds it for every attempt.
struct WebhookRequest: Sendable {
    /// The target's URL, secret: never log it.
    let url: URL
    /// Each name once, spelled as sent. `Authorization`, when present, is as secret as the URL.
    let headers: [String: String]
    let body: Data
}
