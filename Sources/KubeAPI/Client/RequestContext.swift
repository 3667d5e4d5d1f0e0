/// What a request was about, so that every error can say it: verb, resource, namespace and name.
public struct RequestContext: Sendable, Hashable, CustomStringConvertible {
    /// Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection.
    public var verb: String
    public var resource: String
    public var subresource: String?
    public var namespace: String?
    public var name: String?

    public init(verb: String, resource: String, subresource: String? = nil, namespace: String? = nil, name: String? = nil) {
        self.verb = verb
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
    }

    /// `create pods/eviction "web-1" in namespace "demo"`.
    public var description: String {
        var text = "\(verb) \(resource)"
        if let subresource { text += "/\(subresource)" }
        if let name { text += " \"\(name)\"" }
        if let namespace { text += " in namespace \"\(namespace)\"" }
        return text
    }
}
