import Foundation

/// One HTTP request as the API handlers see it: decoded path segments and query, headers, body, and the user.
public struct APIRequest: Sendable {
    public var method: String
    /// Decoded path segments: `/api/v1/namespaces/demo/pods` → `["api", "v1", "namespaces", "demo", "pods"]`.
    public var segments: [String]
    public var query: [String: [String]]
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data
    /// The user of a verified client certificate before authentication; the authenticated user after it.
    public var user: SandboxUser?

    public init(method: String, uri: String, headers: [String: String], body: Data, user: SandboxUser? = nil) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = parts.first.map(String.init) ?? "/"
        self.segments = rawPath.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        self.query = parts.count > 1 ? Self.parseQuery(String(parts[1])) : [:]
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
        self.user = user
    }

    /// The first value of a query parameter.
    public func parameter(_ name: String) -> String? { query[name]?.first }

    /// `true`, `1` (and any other non-false value) count as set, as the API server parses booleans loosely.
    func flag(_ name: String) -> Bool {
        guard let value = parameter(name) else { return false }
        return !["false", "0", ""].contains(value.lowercased())
    }

    func integer(_ name: String) throws(StatusError) -> Int? {
        guard let text = parameter(name), !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw StatusError.badRequest("invalid value for \(name): \"\(text)\" is not an integer") }
        return value
    }

    /// `dryRun=All`; any other value is rejected as the real server does.
    func dryRun() throws(StatusError) -> Bool {
        guard let values = query["dryRun"] else { return false }
        for value in values where value != "All" {
            throw StatusError.badRequest("Invalid dry run value: \(value); the only accepted value is \"All\"")
        }
        return !values.isEmpty
    }

    /// `kubectl get` asks for `application/json;as=Table;v=v1;g=meta.k8s.io`.
    var wantsTable: Bool { (headers["accept"] ?? "").contains("as=Table") }

    var contentType: String {
        (headers["content-type"] ?? "application/json").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }

    private static func parseQuery(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(keyValue[0])
            let value = keyValue.count > 1 ? decode(keyValue[1]) : ""
            result[key, default: []].append(value)
        }
        return result
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
