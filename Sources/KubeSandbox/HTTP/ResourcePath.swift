/// A request path below a group version, resolved against the catalog.
struct ResourcePath: Sendable {
    var type: ResourceType
    var namespace: String?
    var name: String?
    var subresource: String?

    /// Parses a whole request path, `/api/v1/…` or `/apis/GROUP/VERSION/…`; nil for anything else.
    static func parse(segments: [String]) -> ResourcePath? {
        if segments.first == "api", segments.count > 2 {
            return parse(group: "", version: segments[1], Array(segments.dropFirst(2)))
        }
        if segments.first == "apis", segments.count > 3 {
            return parse(group: segments[1], version: segments[2], Array(segments.dropFirst(3)))
        }
        return nil
    }

    /// Parses `[namespaces, NS,] RESOURCE [, NAME [, SUBRESOURCE]]`, or `…, NAME, proxy, PATH…` on a resource with a
    /// proxy (whose path is the proxied service's); nil when nothing served matches.
    static func parse(group: String, version: String, _ rest: [String]) -> ResourcePath? {
        var rest = rest[...]
        var namespace: String?
        if rest.first == "namespaces", rest.count >= 3,
            let type = ResourceCatalog.find(group: group, version: version, resource: rest[rest.startIndex + 2]), type.namespaced
        {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
            return make(type, namespace: namespace, rest.dropFirst())
        }
        guard let first = rest.first, let type = ResourceCatalog.find(group: group, version: version, resource: first) else { return nil }
        // A namespaced resource without a namespace can only be listed or watched across namespaces.
        if type.namespaced && rest.count > 1 { return nil }
        return make(type, namespace: nil, rest.dropFirst())
    }

    private static func make(_ type: ResourceType, namespace: String?, _ rest: ArraySlice<String>) -> ResourcePath? {
        let isProxy = rest.count > 2 && rest.dropFirst().first == Subresource.proxy.rawValue && type.subresources.contains(.proxy)
        guard rest.count <= 2 || isProxy else { return nil }
        let name = rest.first
        let subresource = rest.count >= 2 ? rest.dropFirst().first : nil
        if let name, name.isEmpty { return nil }
        return ResourcePath(type: type, namespace: namespace, name: name, subresource: subresource)
    }
}
