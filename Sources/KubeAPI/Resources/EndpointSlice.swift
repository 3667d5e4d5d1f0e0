/// `discovery.k8s.io/v1 EndpointSlice`: which pods a Service currently routes to, and whether each is ready.
public struct EndpointSlice: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "discovery.k8s.io", version: "v1", resource: "endpointslices", kind: "EndpointSlice", namespaced: true)

    /// Label naming the Service a slice belongs to.
    public static let serviceNameLabel = "kubernetes.io/service-name"

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// `IPv4`, `IPv6` or `FQDN`.
    public var addressType: String?
    /// `null` when the Service has no endpoints.
    public var endpoints: [Endpoint]?
    public var ports: [Port]?

    public init(metadata: ObjectMeta, addressType: String? = nil, endpoints: [Endpoint]? = nil, ports: [Port]? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }

    public struct Endpoint: Codable, Sendable, Hashable {
        public var addresses: [String]
        public var conditions: Conditions?
        /// The pod behind this endpoint.
        public var targetRef: ObjectReference?
        public var nodeName: String?

        public init(addresses: [String], conditions: Conditions? = nil, targetRef: ObjectReference? = nil, nodeName: String? = nil) {
            self.addresses = addresses
            self.conditions = conditions
            self.targetRef = targetRef
            self.nodeName = nodeName
        }
    }

    /// Nil means unknown; consumers treat an unknown `ready` as ready.
    public struct Conditions: Codable, Sendable, Hashable {
        public var ready: Bool?
        public var serving: Bool?
        public var terminating: Bool?

        public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
            self.ready = ready
            self.serving = serving
            self.terminating = terminating
        }
    }

    public struct Port: Codable, Sendable, Hashable {
        public var name: String?
        public var port: Int?
        public var `protocol`: String?
        public var appProtocol: String?

        public init(name: String? = nil, port: Int? = nil, protocol: String? = nil, appProtocol: String? = nil) {
            self.name = name
            self.port = port
            self.protocol = `protocol`
            self.appProtocol = appProtocol
        }
    }
}
