/// `core/v1 ConfigMap`.
public struct ConfigMap: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var data: [String: String]?

    public init(metadata: ObjectMeta, data: [String: String]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.data = data
    }
}
