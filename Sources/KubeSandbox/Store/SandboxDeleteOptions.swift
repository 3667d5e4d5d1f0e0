/// What a DELETE (or an Eviction's `deleteOptions`) asks of the store: `meta/v1 DeleteOptions` as read from query
/// parameters or a JSON body, flattened to what the store acts on.
public struct SandboxDeleteOptions: Sendable, Hashable {
    public var gracePeriodSeconds: Int?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    /// `Orphan`, `Background` or `Foreground`; recorded on the change for the garbage collector.
    public var propagationPolicy: String?
    public var dryRun: Bool

    public init(
        gracePeriodSeconds: Int? = nil, preconditionUID: String? = nil, preconditionResourceVersion: String? = nil,
        propagationPolicy: String? = nil, dryRun: Bool = false
    ) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }

    /// Reads a DeleteOptions (or Eviction's `deleteOptions`) JSON object; unknown fields are ignored as the server does.
    init(json: JSONValue) {
        gracePeriodSeconds = json["gracePeriodSeconds"]?.intValue
        preconditionUID = json[path: ["preconditions", "uid"]]?.stringValue
        preconditionResourceVersion = json[path: ["preconditions", "resourceVersion"]]?.stringValue
        propagationPolicy = json["propagationPolicy"]?.stringValue
        dryRun = json["dryRun"]?.arrayValue?.contains(.string("All")) ?? false
    }
}
