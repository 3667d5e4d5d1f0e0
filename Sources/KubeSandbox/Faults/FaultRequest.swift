/// What a fault rule is matched against: the request's Kubernetes verb, URL path and authenticated user.
public struct FaultRequest: Sendable, Hashable {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete` or `deletecollection`.
    public var verb: String
    /// The URL path, with or without a query string.
    public var path: String
    /// The authenticated user's name; nil for an anonymous request.
    public var user: String?

    public init(verb: String, path: String, user: String? = nil) {
        self.verb = verb
        self.path = path
        self.user = user
    }
}
