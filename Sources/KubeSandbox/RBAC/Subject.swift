/// Who a RoleBinding or ClusterRoleBinding grants to: a `User`, a `Group` or a `ServiceAccount`.
public struct Subject: Codable, Sendable, Hashable {
    public static let userKind = "User"
    public static let groupKind = "Group"
    public static let serviceAccountKind = "ServiceAccount"

    public var kind: String
    public var name: String
    /// `rbac.authorization.k8s.io` for users and groups, empty for service accounts.
    public var apiGroup: String?
    /// A service account's namespace; for a RoleBinding it defaults to the binding's namespace.
    public var namespace: String?

    public init(kind: String, name: String, apiGroup: String? = nil, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.apiGroup = apiGroup ?? (kind == Self.serviceAccountKind ? nil : RBACGroup.name)
        self.namespace = namespace
    }

    public static func user(_ name: String) -> Subject { Subject(kind: userKind, name: name) }
    public static func group(_ name: String) -> Subject { Subject(kind: groupKind, name: name) }
    public static func serviceAccount(_ name: String, namespace: String? = nil) -> Subject {
        Subject(kind: serviceAccountKind, name: name, namespace: namespace)
    }

    enum CodingKeys: String, CodingKey { case kind, name, apiGroup, namespace }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        apiGroup = try container.decodeIfPresent(String.self, forKey: .apiGroup)
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
    }
}
