/// The part of `core/v1 PodSpec` the tool reads.
public struct PodSpec: Codable, Sendable, Hashable {
    public var nodeName: String?
    /// Nil in watch BOOKMARK objects, which the server sends as `"containers": null`.
    public var containers: [Container]?
    public var terminationGracePeriodSeconds: Int64?
    public var serviceAccountName: String?
    public var schedulerName: String?
    public var priority: Int?

    public init(
        nodeName: String? = nil,
        containers: [Container]? = nil,
        terminationGracePeriodSeconds: Int64? = nil,
        serviceAccountName: String? = nil,
        schedulerName: String? = nil,
        priority: Int? = nil
    ) {
        self.nodeName = nodeName
        self.containers = containers
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.serviceAccountName = serviceAccountName
        self.schedulerName = schedulerName
        self.priority = priority
    }
}
