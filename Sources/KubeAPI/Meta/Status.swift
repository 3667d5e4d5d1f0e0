/// `meta/v1 Status`: the body of every API error, and of some successful DELETEs.
public struct Status: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    public var status: String?
    public var message: String?
    /// Machine-readable reason: `NotFound`, `Forbidden`, `Conflict`, `TooManyRequests`, `Expired`…
    public var reason: String?
    public var details: Details?
    public var code: Int?

    public init(
        status: String? = "Failure", message: String? = nil, reason: String? = nil, details: Details? = nil, code: Int? = nil
    ) {
        self.kind = "Status"
        self.apiVersion = "v1"
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    public struct Details: Codable, Sendable, Hashable {
        public var name: String?
        public var group: String?
        public var kind: String?
        public var uid: String?
        public var causes: [Cause]?
        public var retryAfterSeconds: Int?

        public init(
            name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [Cause]? = nil,
            retryAfterSeconds: Int? = nil
        ) {
            self.name = name
            self.group = group
            self.kind = kind
            self.uid = uid
            self.causes = causes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    public struct Cause: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?
        public var field: String?

        public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }
}
