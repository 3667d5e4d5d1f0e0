/// `autoscaling/v1 Scale`: the body of a workload's `scale` subresource.
///
/// Not a `KubernetesObject`: it has no collection of its own, only `<workload path>/scale`.
public struct Scale: Codable, Sendable, Hashable {
    public static let apiVersion = "autoscaling/v1"
    public static let kind = "Scale"
    public static let subresource = "scale"

    public var apiVersion: String?
    public var kind: String?
    /// Optional so that a bare merge patch such as `{"spec":{"replicas":3}}` is a `Scale` too.
    public var metadata: ObjectMeta?
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta? = nil, spec: Spec? = nil, status: Status? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?

        public init(replicas: Int? = nil) {
            self.replicas = replicas
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var replicas: Int?
        /// The workload's label selector in string form, e.g. `app=nginx`.
        public var selector: String?

        public init(replicas: Int? = nil, selector: String? = nil) {
            self.replicas = replicas
            self.selector = selector
        }
    }
}
