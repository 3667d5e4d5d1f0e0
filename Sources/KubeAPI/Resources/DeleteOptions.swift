/// `meta/v1 DeleteOptions`: the body of a DELETE, or the `deleteOptions` of an Eviction.
public struct DeleteOptions: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    /// Overrides the pod's `terminationGracePeriodSeconds`; 0 deletes at once.
    public var gracePeriodSeconds: Int64?
    /// Makes the delete fail with a Conflict unless the object still has this uid / resourceVersion.
    public var preconditions: Preconditions?
    public var propagationPolicy: PropagationPolicy?
    /// `["All"]` asks the server to validate without persisting.
    public var dryRun: [String]?

    public init(
        gracePeriodSeconds: Int64? = nil,
        preconditions: Preconditions? = nil,
        propagationPolicy: PropagationPolicy? = nil,
        dryRun: [String]? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "DeleteOptions"
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }

    public struct Preconditions: Codable, Sendable, Hashable {
        public var uid: String?
        public var resourceVersion: String?

        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    /// `metav1.DeletionPropagation`: what happens to the dependents of the deleted object.
    public struct PropagationPolicy: RawRepresentable, Codable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let orphan = PropagationPolicy(rawValue: "Orphan")
        public static let background = PropagationPolicy(rawValue: "Background")
        public static let foreground = PropagationPolicy(rawValue: "Foreground")

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }
}
