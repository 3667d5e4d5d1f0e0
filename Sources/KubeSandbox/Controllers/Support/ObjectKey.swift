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

    // Hashing the whole ResourceType (names, short names, subresources) per lookup would dominate a cache of
    // 50,000 pods; group and resource identify it.
    public static func == (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.name == rhs.name && lhs.namespace == rhs.namespace && lhs.type.descriptor.resource == rhs.type.descriptor.resource
            && lhs.type.descriptor.group == rhs.type.descriptor.group
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(namespace)
        hasher.combine(type.descriptor.resource)
    }

    public var description: String { "\(type.descriptor.resource) \(namespace.map { "\($0)/" } ?? "")\(name)" }
}
