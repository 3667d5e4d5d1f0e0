import KubeAPI

/// One change as a watcher sees it, already adjusted for its selectors.
public struct SandboxWatchEvent: Sendable, Hashable {
    public var type: WatchEventType
    public var object: JSONValue
    /// The resource the object belongs to; nil for bookmarks and errors.
    public var resource: ResourceType?
    /// The options of the DELETE that caused a DELETED or Terminating MODIFIED event, for garbage collection.
    public var deleteOptions: SandboxDeleteOptions?

    public init(type: WatchEventType, object: JSONValue, resource: ResourceType? = nil, deleteOptions: SandboxDeleteOptions? = nil) {
        self.type = type
        self.object = object
        self.resource = resource
        self.deleteOptions = deleteOptions
    }

    /// The wire form: `{"type":…,"object":…}`.
    public var wireValue: JSONValue { .object(["type": .string(type.rawValue), "object": object]) }
}
