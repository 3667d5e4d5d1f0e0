import Foundation
import KubeAPI

/// The API server's 403 for a request the authorizer denied (`responsewriters.Forbidden` wrapped by
/// `errors.NewForbidden`), e.g. `pods "web-1" is forbidden: User "chaos" cannot create resource "pods/eviction"
/// in API group "" in the namespace "demo"`.
public enum ForbiddenStatus {
    public static func make(for attributes: AuthorizationAttributes) -> KubeAPI.Status {
        let reason = message(for: attributes)
        guard attributes.isResourceRequest, !attributes.resource.isEmpty else {
            return KubeAPI.Status(message: "forbidden: \(reason)", reason: "Forbidden", details: .init(), code: 403)
        }
        // The qualified resource leaves out the subresource; the sentence after "forbidden:" names it.
        let qualified = attributes.apiGroup.isEmpty ? attributes.resource : "\(attributes.resource).\(attributes.apiGroup)"
        let subject = attributes.name.isEmpty ? qualified : "\(qualified) \"\(attributes.name)\""
        return KubeAPI.Status(
            message: "\(subject) is forbidden: \(reason)", reason: "Forbidden",
            details: .init(
                name: attributes.name.isEmpty ? nil : attributes.name, group: attributes.apiGroup.isEmpty ? nil : attributes.apiGroup,
                kind: attributes.resource),
            code: 403)
    }

    /// The sentence after "forbidden:", naming the user, verb, resource and scope.
    public static func message(for attributes: AuthorizationAttributes) -> String {
        let user = "User \(quoted(attributes.user.name))"
        guard attributes.isResourceRequest else {
            return "\(user) cannot \(attributes.verb) path \(quoted(attributes.path))"
        }
        let what =
            "\(user) cannot \(attributes.verb) resource \(quoted(attributes.combinedResource)) in API group \(quoted(attributes.apiGroup))"
        if attributes.namespace.isEmpty {
            return "\(what) at the cluster scope"
        }
        return "\(what) in the namespace \(quoted(attributes.namespace))"
    }

    /// Go's `%q` for the names that appear here: quotes and backslashes escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
