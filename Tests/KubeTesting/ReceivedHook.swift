import Foundation
import Testing

/// A request as a `WebhookReceiver` saw it.
public struct ReceivedHook: Sendable {
    public var method: String = "POST"
    public var path: String
    public var query: String?
    public var headers: [String: String]
    public var body: String

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    public func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
}
