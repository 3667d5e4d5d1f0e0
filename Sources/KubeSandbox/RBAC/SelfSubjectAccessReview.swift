import KubeAPI

/// `authorization.k8s.io/v1 SelfSubjectAccessReview`: "may I do this?", what `kubectl auth can-i` asks.
/// The server fills in `status` for the requesting user and returns the object (201).
public struct SelfSubjectAccessReview: Codable, Sendable, Hashable {
    public static let apiVersion = "authorization.k8s.io/v1"
    public static let kind = "SelfSubjectAccessReview"

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta?
    public var spec: Spec
    public var status: Status?

    public init(spec: Spec, status: Status? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = ObjectMeta()
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var resourceAttributes: ResourceAttributes?
        public var nonResourceAttributes: NonResourceAttributes?

        public init(resourceAttributes: ResourceAttributes? = nil, nonResourceAttributes: NonResourceAttributes? = nil) {
            self.resourceAttributes = resourceAttributes
            self.nonResourceAttributes = nonResourceAttributes
        }
    }

    public struct ResourceAttributes: Codable, Sendable, Hashable {
        public var namespace: String?
        public var verb: String?
        public var group: String?
        public var version: String?
        public var resource: String?
        public var subresource: String?
        public var name: String?

        public init(
            namespace: String? = nil, verb: String? = nil, group: String? = nil, version: String? = nil, resource: String? = nil,
            subresource: String? = nil, name: String? = nil
        ) {
            self.namespace = namespace
            self.verb = verb
            self.group = group
            self.version = version
            self.resource = resource
            self.subresource = subresource
            self.name = name
        }
    }

    public struct NonResourceAttributes: Codable, Sendable, Hashable {
        public var path: String?
        public var verb: String?

        public init(path: String? = nil, verb: String? = nil) {
            self.path = path
            self.verb = verb
        }
    }

    /// `SubjectAccessReviewStatus`.
    public struct Status: Codable, Sendable, Hashable {
        public var allowed: Bool
        public var denied: Bool?
        public var reason: String?
        public var evaluationError: String?

        public init(allowed: Bool, denied: Bool? = nil, reason: String? = nil, evaluationError: String? = nil) {
            self.allowed = allowed
            self.denied = denied
            self.reason = reason
            self.evaluationError = evaluationError
        }
    }
}

extension RBACAuthorizer {
    /// Answers a SelfSubjectAccessReview for `user`: the review with its `status` filled in. A spec with neither
    /// attribute set is answered "not allowed" with an evaluation error rather than rejected, so a caller can
    /// still show something (the real server answers 422 before getting here).
    public func review(_ review: SelfSubjectAccessReview, by user: UserInfo) -> SelfSubjectAccessReview {
        var answered = review
        answered.apiVersion = SelfSubjectAccessReview.apiVersion
        answered.kind = SelfSubjectAccessReview.kind
        guard let attributes = Self.attributes(of: review.spec, user: user) else {
            answered.status = .init(
                allowed: false, evaluationError: "exactly one of nonResourceAttributes or resourceAttributes must be specified")
            return answered
        }
        let decision = authorize(attributes)
        answered.status = .init(allowed: decision.allowed, reason: decision.reason.isEmpty ? nil : decision.reason)
        return answered
    }

    /// The request a review's spec describes, as the API server maps `ResourceAttributes` to authorizer attributes.
    static func attributes(of spec: SelfSubjectAccessReview.Spec, user: UserInfo) -> AuthorizationAttributes? {
        switch (spec.resourceAttributes, spec.nonResourceAttributes) {
        case (let resource?, nil):
            return .resource(
                user: user, verb: resource.verb ?? "", apiGroup: resource.group ?? "", apiVersion: resource.version ?? "",
                resource: resource.resource ?? "", subresource: resource.subresource ?? "", namespace: resource.namespace ?? "",
                name: resource.name ?? "")
        case (nil, let nonResource?):
            return .nonResource(user: user, verb: nonResource.verb ?? "", path: nonResource.path ?? "")
        default:
            return nil
        }
    }
}
