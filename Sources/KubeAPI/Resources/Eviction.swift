/// `policy/v1 Eviction`: POSTed to `pods/<name>/eviction` to delete a pod only if its PodDisruptionBudgets allow.
///
/// Not a `KubernetesObject`: it is the body of a subresource, never stored.
public struct Eviction: Codable, Sendable, Hashable {
    public static let apiVersion = "policy/v1"
    public static let kind = "Eviction"
    public static let subresource = "eviction"

    public var apiVersion: String?
    public var kind: String?
    /// Name and namespace of the pod to evict.
    public var metadata: ObjectMeta
    public var deleteOptions: DeleteOptions?

    public init(metadata: ObjectMeta, deleteOptions: DeleteOptions? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.deleteOptions = deleteOptions
    }

    public init(podName: String, namespace: String, deleteOptions: DeleteOptions? = nil) {
        self.init(metadata: ObjectMeta(name: podName, namespace: namespace), deleteOptions: deleteOptions)
    }
}
