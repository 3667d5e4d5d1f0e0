/// The authenticated identity of a request: the name and groups the authenticator produced.
public struct UserInfo: Sendable, Hashable {
    /// Everyone who authenticated is in this group.
    public static let authenticatedGroup = "system:authenticated"
    /// Members may do anything; the API server checks this group before RBAC.
    public static let mastersGroup = "system:masters"
    public static let serviceAccountsGroup = "system:serviceaccounts"
    static let serviceAccountPrefix = "system:serviceaccount:"

    public var name: String
    /// Groups as the authenticator set them, `system:authenticated` included.
    public var groups: [String]

    /// Requests without credentials, when anonymous auth is on, are in this group instead.
    public static let unauthenticatedGroup = "system:unauthenticated"

    /// An authenticated user: `system:authenticated` is added to `groups`, as the API server does.
    public init(name: String, groups: [String] = []) {
        self.name = name
        self.groups = groups.contains(Self.authenticatedGroup) ? groups : groups + [Self.authenticatedGroup]
    }

    private init(unauthenticatedName name: String) {
        self.name = name
        self.groups = [Self.unauthenticatedGroup]
    }

    /// The identity of a request without credentials: only public info (`/version`, `/healthz`) is granted to it.
    public static let anonymous = UserInfo(unauthenticatedName: "system:anonymous")

    /// The identity of a service account token: `system:serviceaccount:NS:NAME`, in `system:serviceaccounts`
    /// and `system:serviceaccounts:NS`.
    public static func serviceAccount(_ name: String, namespace: String) -> UserInfo {
        UserInfo(
            name: "\(serviceAccountPrefix)\(namespace):\(name)",
            groups: [serviceAccountsGroup, "\(serviceAccountsGroup):\(namespace)"])
    }

    /// True when this user is the service account `name` of `namespace`.
    func isServiceAccount(_ name: String, namespace: String) -> Bool {
        self.name == "\(Self.serviceAccountPrefix)\(namespace):\(name)"
    }
}
