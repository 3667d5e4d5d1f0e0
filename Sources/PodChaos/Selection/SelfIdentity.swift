/// Who podchaosmonkey is, so it never kills itself or a sibling replica: from the downward API
/// (`POD_NAME`, `POD_NAMESPACE`, `POD_UID`), else the in-cluster hostname (which is the pod name).
public struct SelfIdentity: Sendable, Hashable {
    public var podName: String?
    public var namespace: String?
    public var uid: String?
    /// The uid of the workload that owns the tool's pod, once resolved; its every pod is protected.
    public var ownerUID: String?

    public init(podName: String? = nil, namespace: String? = nil, uid: String? = nil, ownerUID: String? = nil) {
        self.podName = podName
        self.namespace = namespace
        self.uid = uid
        self.ownerUID = ownerUID
    }

    public static let none = SelfIdentity()

    /// Reads the downward-API variables; inside a cluster without them, falls back to `HOSTNAME`.
    public static func fromEnvironment(_ environment: [String: String]) -> SelfIdentity {
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        let inCluster = value("KUBERNETES_SERVICE_HOST") != nil
        return SelfIdentity(
            podName: value("POD_NAME") ?? (inCluster ? value("HOSTNAME") : nil),
            namespace: value("POD_NAMESPACE"),
            uid: value("POD_UID"))
    }

    public var isKnown: Bool { podName != nil || uid != nil }

    /// Whether `candidate` is the tool's own pod.
    public func isSelf(_ candidate: Candidate) -> Bool {
        if let uid, !uid.isEmpty, candidate.uid == uid { return true }
        guard let podName, candidate.name == podName else { return false }
        // Without a namespace (hostname fallback), a same-named pod anywhere is treated as us: err on the safe side.
        return namespace == nil || namespace == candidate.namespace
    }
}
