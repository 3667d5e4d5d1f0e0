/// `core/v1 Service`: its selector says which pods back it.
public struct Service: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", resource: "services", kind: "Service", namespaced: true)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?

    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
    }

    public struct Spec: Codable, Sendable, Hashable {
        /// Plain equality labels; nil for a Service without selector, whose endpoints are managed by hand.
        public var selector: [String: String]?
        public var ports: [Port]?
        public var type: String?
        public var clusterIP: String?

        public init(selector: [String: String]? = nil, ports: [Port]? = nil, type: String? = nil, clusterIP: String? = nil) {
            self.selector = selector
            self.ports = ports
            self.type = type
            self.clusterIP = clusterIP
        }
    }

    public struct Port: Codable, Sendable, Hashable {
        public var name: String?
        public var `protocol`: String?
        public var port: Int
        /// A port number or the name of a container port.
        public var targetPort: IntOrString?
        public var nodePort: Int?

        public init(name: String? = nil, protocol: String? = nil, port: Int, targetPort: IntOrString? = nil, nodePort: Int? = nil) {
            self.name = name
            self.protocol = `protocol`
            self.port = port
            self.targetPort = targetPort
            self.nodePort = nodePort
        }
    }
}
