/// One change the controller manager saw, after its cache took it in.
public struct ObjectChange: Sendable {
    public var key: ObjectKey
    /// The object as it is now, or its last state when `deleted`.
    public var object: JSONValue
    /// The object before the change, when the cache held it.
    public var previous: JSONValue?
    public var deleted: Bool
    /// The options of the DELETE behind a deletion, for garbage collection.
    public var deleteOptions: SandboxDeleteOptions?

    var type: ResourceType { key.type }
}
