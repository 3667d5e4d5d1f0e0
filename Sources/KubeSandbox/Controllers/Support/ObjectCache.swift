/// The controllers' informer: the watched objects as last seen, with the indexes reconciles need so that one
/// change never costs a scan of every pod. Writes the controllers make are recorded at once (write-through), so
/// a reconcile never acts on a state its own earlier write already changed; watch events older than what the
/// cache holds are ignored.
public struct ObjectCache: Sendable {
    private var objects: [String: [ObjectKey: JSONValue]] = [:]
    /// The resourceVersion last applied per key, kept after a deletion so a late, older event cannot resurrect it.
    private var versions: [ObjectKey: Int] = [:]
    private var namespaces: [String: [String: Set<ObjectKey>]] = [:]
    private var dependents: [String: Set<ObjectKey>] = [:]
    private var activePodsByNode: [String: Int] = [:]

    public init() {}

    public func get(_ key: ObjectKey) -> JSONValue? { objects[key.type.storageKey]?[key] }

    public func all(_ type: ResourceType) -> [JSONValue] { Array((objects[type.storageKey] ?? [:]).values) }

    public func keys(_ type: ResourceType) -> [ObjectKey] { Array((objects[type.storageKey] ?? [:]).keys) }

    public func inNamespace(_ type: ResourceType, _ namespace: String) -> [JSONValue] {
        (namespaces[type.storageKey]?[namespace] ?? []).compactMap { get($0) }
    }

    /// Objects with an owner reference to `uid`.
    public func dependents(ofOwnerUID uid: String) -> [ObjectKey] { Array(dependents[uid] ?? []) }

    /// Objects of `type` whose controller owner reference is `uid`.
    public func controlled(by uid: String, _ type: ResourceType) -> [JSONValue] {
        (dependents[uid] ?? []).filter { $0.type == type }.compactMap { get($0) }.filter { $0.controllerUID == uid }
    }

    /// How many active pods are bound to each node.
    public func activePodCount(onNode node: String) -> Int { activePodsByNode[node] ?? 0 }

    /// Takes in a watch event; nil when it is a bookmark or older than what the cache holds.
    mutating func apply(_ event: SandboxWatchEvent) -> ObjectChange? {
        guard let type = event.resource, event.type != .bookmark, event.type != .error else { return nil }
        let key = ObjectKey(type, of: event.object)
        let version = event.object.resourceVersionNumber
        guard version >= (versions[key] ?? 0) else { return nil }
        let previous = get(key)
        if event.type == .deleted {
            remove(key, version: version)
            return ObjectChange(key: key, object: event.object, previous: previous, deleted: true, deleteOptions: event.deleteOptions)
        }
        put(type, event.object)
        return ObjectChange(key: key, object: event.object, previous: previous, deleted: false, deleteOptions: event.deleteOptions)
    }

    /// Records an object a controller just wrote, unless the cache already holds something newer.
    mutating func record(_ type: ResourceType, _ object: JSONValue) {
        let key = ObjectKey(type, of: object)
        guard object.resourceVersionNumber >= (versions[key] ?? 0) else { return }
        put(type, object)
    }

    /// Records that a controller removed an object.
    mutating func recordRemoval(_ key: ObjectKey, version: Int) {
        guard version >= (versions[key] ?? 0) else { return }
        remove(key, version: version)
    }

    private mutating func put(_ type: ResourceType, _ object: JSONValue) {
        let key = ObjectKey(type, of: object)
        if get(key) != nil { unindex(key) }
        objects[type.storageKey, default: [:]][key] = object
        versions[key] = object.resourceVersionNumber
        index(key, object)
    }

    private mutating func remove(_ key: ObjectKey, version: Int) {
        if get(key) != nil { unindex(key) }
        objects[key.type.storageKey]?[key] = nil
        versions[key] = version
    }

    private mutating func index(_ key: ObjectKey, _ object: JSONValue) {
        if let namespace = key.namespace { namespaces[key.type.storageKey, default: [:]][namespace, default: []].insert(key) }
        for owner in object.ownerReferences {
            if let uid = owner["uid"]?.stringValue { dependents[uid, default: []].insert(key) }
        }
        if key.type == ControlledResources.pods, object.isActivePod, !object.nodeName.isEmpty {
            activePodsByNode[object.nodeName, default: 0] += 1
        }
    }

    private mutating func unindex(_ key: ObjectKey) {
        guard let object = get(key) else { return }
        if let namespace = key.namespace { namespaces[key.type.storageKey]?[namespace]?.remove(key) }
        for owner in object.ownerReferences {
            guard let uid = owner["uid"]?.stringValue else { continue }
            dependents[uid]?.remove(key)
            if dependents[uid]?.isEmpty == true { dependents[uid] = nil }
        }
        if key.type == ControlledResources.pods, object.isActivePod, !object.nodeName.isEmpty {
            activePodsByNode[object.nodeName, default: 1] -= 1
        }
    }
}
