import KubeAPI

/// `rbac.authorization.k8s.io/v1 ClusterRoleBinding`: grants a ClusterRole everywhere.
public struct ClusterRoleBinding: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: RBACGroup.name, version: "v1", resource: "clusterrolebindings", kind: "ClusterRoleBinding", namespaced: false)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var subjects: [Subject]
    public var roleRef: RoleRef

    public init(metadata: ObjectMeta, subjects: [Subject], roleRef: RoleRef) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, subjects, roleRef }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        subjects = try container.decodeIfPresent([Subject].self, forKey: .subjects) ?? []
        roleRef = try container.decodeIfPresent(RoleRef.self, forKey: .roleRef) ?? RoleRef(kind: "", name: "")
    }
}
