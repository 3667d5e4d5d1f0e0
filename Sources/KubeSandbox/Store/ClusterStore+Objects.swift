extension ClusterStore {
    /// The stored objects of one resource in one namespace, for in-store policies that must see a consistent state.
    func objects(of type: ResourceType, inNamespace namespace: String) -> [JSONValue] {
        let prefix = namespace + "/"
        return (collections[type.storageKey] ?? [:]).filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Every stored object of a cluster-scoped resource, or of a namespaced one across namespaces.
    func allObjects(of type: ResourceType) -> [JSONValue] {
        (collections[type.storageKey] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }
}
