import KubeAPI

/// One served resource: what routing, discovery, validation and storage need to know about it.
public struct ResourceType: Sendable, Hashable {
    public let descriptor: ResourceDescriptor
    public let singularName: String
    public let shortNames: [String]
    public let subresources: [Subresource]
    public let categories: [String]

    init(
        _ group: String, _ version: String, _ resource: String, kind: String, namespaced: Bool = true, singular: String,
        shortNames: [String] = [], subresources: [Subresource] = [], categories: [String] = []
    ) {
        self.descriptor = ResourceDescriptor(group: group, version: version, resource: resource, kind: kind, namespaced: namespaced)
        self.singularName = singular
        self.shortNames = shortNames
        self.subresources = subresources
        self.categories = categories
    }

    public var namespaced: Bool { descriptor.namespaced }
    public var kind: String { descriptor.kind }
    public var apiVersion: String { descriptor.apiVersion }
    public var listKind: String { descriptor.kind + "List" }

    /// `pods` or `deployments.apps`, as error messages name a resource.
    public var qualifiedName: String { descriptor.description }

    /// The storage key; events.k8s.io Events share core Events' storage, as on the real server.
    var storageKey: String { isEventsAPI ? "/events" : descriptor.group + "/" + descriptor.resource }

    /// events.k8s.io/v1 Event: served by converting core Events (see `EventConversion`).
    var isEventsAPI: Bool { descriptor.group == "events.k8s.io" && descriptor.resource == "events" }

    /// Whether `metadata.generation` is tracked: objects with a spec.
    var hasSpec: Bool {
        ![
            "namespaces", "configmaps", "events", "serviceaccounts", "leases", "endpointslices", "roles", "rolebindings", "clusterroles",
            "clusterrolebindings",
        ].contains(descriptor.resource)
    }

    /// Names that are DNS-1123 labels rather than subdomains.
    var requiresLabelName: Bool { ["namespaces", "services"].contains(descriptor.resource) }

    /// RBAC objects' names are only path segments, as the real server's `system:controller:…` roles show.
    var allowsPathSegmentName: Bool {
        descriptor.group == "rbac.authorization.k8s.io"
            && ["roles", "rolebindings", "clusterroles", "clusterrolebindings"].contains(descriptor.resource)
    }
}
