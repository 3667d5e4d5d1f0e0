import Foundation

/// What a handler answers: a complete body, or a watch the connection streams until it ends.
public enum APIResponse: Sendable {
    /// `headers` are sent besides content-type, cache-control and audit-id.
    case full(status: Int, body: Data, contentType: String, headers: [HTTPHeader] = [])
    case watch(WatchPlan)

    public struct HTTPHeader: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    static func json(_ value: JSONValue, status: Int = 200, headers: [HTTPHeader] = []) -> APIResponse {
        .full(status: status, body: value.data(), contentType: "application/json", headers: headers)
    }

    /// As the real server's error writer, a Status with `details.retryAfterSeconds` also says so in `Retry-After`.
    static func error(_ error: StatusError) -> APIResponse {
        var headers: [HTTPHeader] = []
        if let seconds = error.details?["retryAfterSeconds"]?.intValue, seconds > 0 {
            headers.append(HTTPHeader(name: "Retry-After", value: String(seconds)))
        }
        return json(error.statusBody, status: error.code, headers: headers)
    }
}

/// A watch to stream: the subscription, or the ERROR event to send instead (410 Expired), and its limits.
public struct WatchPlan: Sendable {
    var subscription: WatchSubscription?
    var immediateError: StatusError?
    var timeout: Duration?
    var bookmarks: Bool
    /// Turns each event into its wire object (e.g. a Table row for `kubectl get -w`).
    var render: @Sendable (SandboxWatchEvent) -> JSONValue
}
