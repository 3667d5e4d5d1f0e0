/// `rbac.authorization.k8s.io/v1 PolicyRule`: verbs allowed on resources (or on non-resource URLs).
/// Missing lists decode as empty, as the API server treats them.
public struct PolicyRule: Codable, Sendable, Hashable {
    public var verbs: [String]
    public var apiGroups: [String]
    /// Plural resource names, `resource/subresource`, `*`, or `*/subresource`.
    public var resources: [String]
    /// When non-empty, the rule only covers requests that name one of these objects.
    public var resourceNames: [String]
    /// Paths such as `/healthz` or `/apis/*` (a trailing `*` is a prefix match).
    public var nonResourceURLs: [String]

    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    enum CodingKeys: String, CodingKey { case verbs, apiGroups, resources, resourceNames, nonResourceURLs }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        verbs = try container.decodeIfPresent([String].self, forKey: .verbs) ?? []
        apiGroups = try container.decodeIfPresent([String].self, forKey: .apiGroups) ?? []
        resources = try container.decodeIfPresent([String].self, forKey: .resources) ?? []
        resourceNames = try container.decodeIfPresent([String].self, forKey: .resourceNames) ?? []
        nonResourceURLs = try container.decodeIfPresent([String].self, forKey: .nonResourceURLs) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verbs, forKey: .verbs)
        if !apiGroups.isEmpty { try container.encode(apiGroups, forKey: .apiGroups) }
        if !resources.isEmpty { try container.encode(resources, forKey: .resources) }
        if !resourceNames.isEmpty { try container.encode(resourceNames, forKey: .resourceNames) }
        if !nonResourceURLs.isEmpty { try container.encode(nonResourceURLs, forKey: .nonResourceURLs) }
    }
}
