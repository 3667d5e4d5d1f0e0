/// `core/v1 ObjectReference`: names another object, as in an Event's `regarding` or an endpoint's `targetRef`.
public struct ObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(
        apiVersion: String? = nil,
        kind: String? = nil,
        namespace: String? = nil,
        name: String? = nil,
        uid: String? = nil,
        resourceVersion: String? = nil,
        fieldPath: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }

    /// A reference to `object`, taking its identity from its metadata and its type from its resource.
    public init<Object: KubernetesObject>(to object: Object) {
        self.init(
            apiVersion: Object.resource.apiVersion, kind: Object.resource.kind, namespace: object.metadata.namespace,
            name: object.metadata.name, uid: object.metadata.uid, resourceVersion: object.metadata.resourceVersion)
    }
}
