import Foundation

/// What a handler answers: a complete body, or a watch the connection streams until it ends.
public enum APIResponse: Sendable {
    case full(status: Int, body: Data, contentType: String)
    case watch(WatchPlan)

    static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        .full(status: status, body: JSONWriter.data(value), contentType: "application/json")
    }

    static func error(_ error: StatusError) -> APIResponse {
        json(error.statusBody, status: error.code)
    }
}

/// A watch to stream: the subscription, or the ERROR event to send instead (410 Expired), and its limits.
public struct WatchPlan: Sendable {
    var subscription: WatchSubscription?
    var immediateError: StatusError?
    var timeout: Duration?
    var bookmarks: Bool
    /// Turns each event into its wire object (e.g. a Table row for `kubectl get -w`).
    var render: @Sendable (WatchEvent) -> JSONValue
}
