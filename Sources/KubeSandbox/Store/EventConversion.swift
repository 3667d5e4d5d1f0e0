/// events.k8s.io/v1 Events are another view of core v1 Events, as on the real server: one storage, two shapes.
/// The store keeps the core shape; these convert at the events.k8s.io API's edges.
enum EventConversion {
    /// events.k8s.io field ↔ core field.
    private static let renames: [(events: String, core: String)] = [
        ("regarding", "involvedObject"), ("note", "message"), ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"), ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ]

    static func toCore(_ event: JSONValue) -> JSONValue {
        guard case .object(var fields) = event else { return event }
        for rename in renames {
            fields[rename.core] = fields.removeValue(forKey: rename.events)
        }
        fields["apiVersion"] = .string("v1")
        return .object(fields)
    }

    static func fromCore(_ event: JSONValue) -> JSONValue {
        guard case .object(var fields) = event else { return event }
        for rename in renames {
            fields[rename.events] = fields.removeValue(forKey: rename.core)
        }
        if fields["apiVersion"] != nil { fields["apiVersion"] = .string("events.k8s.io/v1") }
        return .object(fields)
    }
}
