/// What a request asks to do, as the API server's request-info resolver sees it: a verb on a resource (with
/// optional subresource, namespace and name) or a verb on a non-resource path such as `/version`.
public struct AuthorizationAttributes: Sendable, Hashable {
    public var user: UserInfo
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`.
    public var verb: String
    public var isResourceRequest: Bool
    /// Empty for the core group.
    public var apiGroup: String
    public var apiVersion: String
    public var resource: String
    public var subresource: String
    /// Empty for cluster-scoped requests.
    public var namespace: String
    /// Empty for collection requests (`list`, `watch`, `create` without a name).
    public var name: String
    /// The URL path of a non-resource request.
    public var path: String

    /// A request on a resource.
    public static func resource(
        user: UserInfo, verb: String, apiGroup: String = "", apiVersion: String = "v1", resource: String, subresource: String = "",
        namespace: String = "", name: String = ""
    ) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: user, verb: verb, isResourceRequest: true, apiGroup: apiGroup, apiVersion: apiVersion, resource: resource,
            subresource: subresource, namespace: namespace, name: name, path: "")
    }

    /// A request on a path that names no resource (`/version`, `/api`, `/healthz`).
    public static func nonResource(user: UserInfo, verb: String = "get", path: String) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: user, verb: verb, isResourceRequest: false, apiGroup: "", apiVersion: "", resource: "", subresource: "",
            namespace: "", name: "", path: path)
    }

    /// `resource/subresource`, the form rules name subresources in.
    var combinedResource: String { subresource.isEmpty ? resource : "\(resource)/\(subresource)" }
}
