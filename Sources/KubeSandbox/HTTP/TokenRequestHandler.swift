import Foundation
import KubeAPI

/// `POST …/serviceaccounts/NAME/token`: answers an `authentication.k8s.io/v1 TokenRequest` with a token for the
/// account in `status.token`, as the real server's TokenRequest subresource does.
struct TokenRequestHandler: Sendable {
    static let apiVersion = "authentication.k8s.io/v1"
    static let kind = "TokenRequest"
    /// The real server's default lifetime and shortest allowed one.
    static let defaultExpirationSeconds = 3600
    static let minimumExpirationSeconds = 600
    static let defaultAudiences: [JSONValue] = [.string("https://kubernetes.default.svc.cluster.local")]

    let store: ClusterStore
    let tokens: ServiceAccountTokens

    /// JSON, or protobuf as `kubectl create token` sends it (it does not fall back to JSON on a 415).
    static func decode(_ request: APIRequest) throws(StatusError) -> JSONValue {
        guard request.contentType == KubernetesProtobuf.contentType else { return try request.decodeJSON(kind: kind) }
        do {
            return try KubernetesProtobuf.tokenRequest(from: request.body)
        } catch {
            throw StatusError.badRequest("the body is not a protobuf TokenRequest")
        }
    }

    func handle(namespace: String, name: String, body: JSONValue, dryRun: Bool) async throws(StatusError) -> JSONValue {
        let account = try await store.get(ResourceCatalog.serviceAccounts, namespace: namespace, name: name)
        let spec = body["spec"] ?? .object([:])
        let requested = spec["expirationSeconds"]
        let seconds = requested?.intValue ?? Self.defaultExpirationSeconds
        if requested != nil && requested?.intValue == nil || seconds < Self.minimumExpirationSeconds {
            throw StatusError.invalid(
                ResourceType.tokenRequest, name: name,
                causes: [
                    .invalidValue(
                        "spec.expirationSeconds", value: "\(requested ?? .null)", "may not specify a duration less than 10 minutes")
                ])
        }
        let now = Date()
        let expires = now.addingTimeInterval(Double(seconds))
        let uid = account[path: ["metadata", "uid"]]?.stringValue ?? ""
        let token = dryRun ? "" : await tokens.issue(namespace: namespace, name: name, uid: uid, expires: expires)
        var answeredSpec = spec
        if (spec["audiences"]?.arrayValue ?? []).isEmpty { answeredSpec["audiences"] = .array(Self.defaultAudiences) }
        answeredSpec["expirationSeconds"] = .number(Double(seconds))
        if answeredSpec["boundObjectRef"] == nil { answeredSpec["boundObjectRef"] = .null }
        return .object([
            "kind": .string(Self.kind), "apiVersion": .string(Self.apiVersion),
            "metadata": .object([
                "name": .string(name), "namespace": .string(namespace), "creationTimestamp": .string(KubeJSON.formatTimestamp(now)),
            ]),
            "spec": answeredSpec,
            "status": .object(["token": .string(token), "expirationTimestamp": .string(KubeJSON.formatTimestamp(expires))]),
        ])
    }
}

extension ResourceType {
    /// Only for messages: TokenRequest is not stored.
    static let tokenRequest = ResourceType(
        "authentication.k8s.io", "v1", "tokenrequests", kind: "TokenRequest", singular: "tokenrequest")
}
