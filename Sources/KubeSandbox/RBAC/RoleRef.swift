/// The role a binding grants: a `Role` (of the binding's namespace) or a `ClusterRole`.
public struct RoleRef: Codable, Sendable, Hashable {
    public static let roleKind = "Role"
    public static let clusterRoleKind = "ClusterRole"

    public var apiGroup: String
    public var kind: String
    public var name: String

    public init(kind: String, name: String, apiGroup: String = RBACGroup.name) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }

    public static func role(_ name: String) -> RoleRef { RoleRef(kind: roleKind, name: name) }
    public static func clusterRole(_ name: String) -> RoleRef { RoleRef(kind: clusterRoleKind, name: name) }

    enum CodingKeys: String, CodingKey { case apiGroup, kind, name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiGroup = try container.decodeIfPresent(String.self, forKey: .apiGroup) ?? RBACGroup.name
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
    }
}
