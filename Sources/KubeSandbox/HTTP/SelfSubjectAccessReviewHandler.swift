/// `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`: what `kubectl auth can-i` asks. Answers 201 with
/// the review's `status` filled in for the requesting user; nothing is stored.
struct SelfSubjectAccessReviewHandler: Sendable {
    static let group = "authorization.k8s.io"
    static let version = "v1"
    static let resource = "selfsubjectaccessreviews"

    let authorizer: RequestAuthorizer

    static func matches(_ segments: [String]) -> Bool {
        segments == ["apis", group, version, resource]
    }

    func handle(_ request: APIRequest) async throws(StatusError) -> APIResponse {
        guard request.method == "POST" else { throw StatusError.methodNotAllowed() }
        guard let user = request.user else { throw StatusError.unauthorized }
        try await authorizer.check(
            .resource(user: user.userInfo, verb: "create", apiGroup: Self.group, apiVersion: Self.version, resource: Self.resource))
        let review = try decodeReview(request)
        guard let attributes = RBACAuthorizer.attributes(of: review.spec, user: user.userInfo) else {
            throw StatusError(
                code: 422, reason: "Invalid",
                message: "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: "
                    + "spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                details: .object(["group": .string(Self.group), "kind": .string(SelfSubjectAccessReview.kind)]))
        }
        let decision = await authorizer.decide(attributes)
        var answered = review
        answered.apiVersion = SelfSubjectAccessReview.apiVersion
        answered.kind = SelfSubjectAccessReview.kind
        answered.status = .init(allowed: decision.allowed, reason: decision.reason.isEmpty ? nil : decision.reason)
        do {
            return .json(try JSONValue(encoding: answered), status: 201)
        } catch {
            throw StatusError.internal("cannot encode the SelfSubjectAccessReview: \(error)")
        }
    }

    /// kubectl's typed client sends this kind as protobuf and does not fall back to JSON on a 415, so both are read.
    private func decodeReview(_ request: APIRequest) throws(StatusError) -> SelfSubjectAccessReview {
        if request.contentType == KubernetesProtobuf.contentType {
            do {
                return try KubernetesProtobuf.selfSubjectAccessReview(from: request.body)
            } catch {
                throw StatusError.badRequest("the body is not a protobuf SelfSubjectAccessReview")
            }
        }
        let body = try request.decodeJSON(kind: SelfSubjectAccessReview.kind)
        do {
            return try body.decode(as: SelfSubjectAccessReview.self)
        } catch {
            throw StatusError.badRequest("the body is not a SelfSubjectAccessReview: \(error)")
        }
    }
}
