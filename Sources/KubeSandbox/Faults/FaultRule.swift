/// One fault-injection rule: which requests it matches (verb, path glob, user), how often it fires
/// (`times`, `probability`) and what it does.
///
/// ```yaml
/// - verb: create
///   path: /api/v1/namespaces/*/pods/*/eviction
///   user: chaos
///   times: 2
///   action: {status: 503, retryAfterSeconds: 1}
/// ```
public struct FaultRule: Sendable, Hashable {
    /// The verbs a rule may name; `*` matches them all.
    public static let verbs: Set<String> = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "*"]

    public var verb: String
    public var path: PathPattern
    /// Only this user's requests match; nil matches everyone.
    public var user: String?
    /// Fire this many times, then stop; nil for no limit.
    public var times: Int?
    /// Chance (0…1) that a matching request is hit; nil for always.
    public var probability: Double?
    public var action: FaultAction

    public init(
        verb: String = "*", path: PathPattern, user: String? = nil, times: Int? = nil, probability: Double? = nil, action: FaultAction
    ) {
        self.verb = verb
        self.path = path
        self.user = user
        self.times = times
        self.probability = probability
        self.action = action
    }

    /// Whether the request is one this rule is about; `times` and `probability` are the plan's business.
    /// A watch-only action (cut, expire) never matches another verb, so `verb: "*"` does not spend it on a GET.
    public func matches(_ request: FaultRequest) -> Bool {
        (verb == "*" || verb == request.verb) && (user == nil || user == request.user) && path.matches(request.path)
            && (!action.isWatchOnly || request.verb == "watch")
    }
}

extension FaultRule: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case verb, path, user, times, probability, action }

    public init(from decoder: any Decoder) throws {
        try Self.rejectUnknownKeys(decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        verb = try container.decodeIfPresent(String.self, forKey: .verb) ?? "*"
        guard Self.verbs.contains(verb) else {
            throw DecodingError.dataCorruptedError(
                forKey: .verb, in: container,
                debugDescription: "\"\(verb)\" is not a verb; use get, list, watch, create, update, patch, delete, deletecollection or *")
        }
        let pathText = try container.decodeIfPresent(String.self, forKey: .path) ?? "/**"
        guard let path = PathPattern(pathText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .path, in: container,
                debugDescription:
                    "\"\(pathText)\" is not a path pattern; start with / and use * for one segment, ** only as a whole segment")
        }
        self.path = path
        user = try container.decodeIfPresent(String.self, forKey: .user)
        times = try container.decodeWholeNumberIfPresent(forKey: .times)
        if let times, times < 1 {
            throw DecodingError.dataCorruptedError(forKey: .times, in: container, debugDescription: "must be 1 or more, not \(times)")
        }
        probability = try container.decodeIfPresent(Double.self, forKey: .probability)
        if let probability, !(0...1).contains(probability) {
            throw DecodingError.dataCorruptedError(
                forKey: .probability, in: container, debugDescription: "must be between 0 and 1, not \(probability)")
        }
        action = try container.decode(FaultAction.self, forKey: .action)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verb, forKey: .verb)
        try container.encode(path.text, forKey: .path)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(times, forKey: .times)
        try container.encodeIfPresent(probability, forKey: .probability)
        try container.encode(action, forKey: .action)
    }

    /// A misspelt key (`time:` for `times:`) would otherwise silently make a rule fire forever.
    private static func rejectUnknownKeys(_ decoder: any Decoder) throws {
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let container = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "is not a rule field; use verb, path, user, times, probability and action")
        }
    }
}
