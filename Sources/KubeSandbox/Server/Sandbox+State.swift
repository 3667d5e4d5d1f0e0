extension Sandbox {
    /// One object by resource name (`pods`, `deploy`, `Deployment`…), as the store holds it.
    public func object(_ resource: String, namespace: String? = nil, name: String) async throws -> JSONValue {
        try await store.get(try Self.resourceType(resource), namespace: namespace, name: name)
    }

    /// Every object of a resource, in one namespace or (nil) all of them.
    public func objects(_ resource: String, namespace: String? = nil) async throws -> [JSONValue] {
        try await store.list(try Self.resourceType(resource), filter: ObjectFilter(namespace: namespace)).items
    }

    static func resourceType(_ name: String) throws -> ResourceType {
        guard let type = ResourceCatalog.find(name: name) else { throw SandboxError.unknownResource(name) }
        return type
    }
}
