/// Names one object the controllers work on: its resource, namespace (nil when cluster-scoped) and name.
public struct ObjectKey: Sendable, Hashable, CustomStringConvertible {
    public var type: ResourceType
    public var namespace: String?
    public var name: String

    public init(_ type: ResourceType, namespace: String?, name: String) {
        self.type = type
        self.namespace = type.namespaced ? namespace : nil
        self.name = name
    }

    /// The key of a stored object of `type`.
    init(_ type: ResourceType, of object: JSONValue) {
        self.init(type, namespace: object.namespace, name: object.name)
    }

    public var description: String { "\(type.descriptor.resource) \(namespace.map { "\($0)/" } ?? "")\(name)" }
}
