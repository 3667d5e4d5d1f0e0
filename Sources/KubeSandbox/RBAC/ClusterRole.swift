import KubeAPI

/// `rbac.authorization.k8s.io/v1 ClusterRole`: rules for the whole cluster, or for one namespace when a
/// RoleBinding grants it.
public struct ClusterRole: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: RBACGroup.name, version: "v1", resource: "clusterroles", kind: "ClusterRole", namespaced: false)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var rules: [PolicyRule]

    public init(metadata: ObjectMeta, rules: [PolicyRule]) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.rules = rules
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, rules }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        rules = try container.decodeIfPresent([PolicyRule].self, forKey: .rules) ?? []
    }
}
