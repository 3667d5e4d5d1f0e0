/// `core/v1 Namespace`.
public struct Namespace: KubernetesObject, Hashable {
    public static let resource = ResourceDescriptor(
        group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var status: Status?

    public init(metadata: ObjectMeta, status: Status? = nil) {
        self.apiVersion = Self.resource.apiVersion
        self.kind = Self.resource.kind
        self.metadata = metadata
        self.status = status
    }

    /// The namespace is being deleted: its pods are going away whatever the tool does.
    public var isTerminating: Bool { status?.phase == "Terminating" || metadata.deletionTimestamp != nil }

    public struct Status: Codable, Sendable, Hashable {
        /// `Active` or `Terminating`.
        public var phase: String?

        public init(phase: String? = nil) {
            self.phase = phase
        }
    }
}
