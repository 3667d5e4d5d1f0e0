/// Status writes shared by the workload controllers.
enum WorkloadStatus {
    /// Replaces the status fields given, keeping the others (conditions, collisionCount); a no-op when nothing
    /// changed, which the store does not write.
    static func write(_ fields: JSONValue, to key: ObjectKey, keepingZero required: Set<String> = []) -> ControllerAction {
        .modify(key, subresource: .status) { current in
            var next = current
            var status = current["status"]?.objectValue ?? [:]
            for (field, value) in fields.objectValue ?? [:] {
                // Kubernetes omits zero counts from workload status, except the fields its types mark required.
                status[field] = value == .number(0) && !required.contains(field) ? nil : value
            }
            next["status"] = .object(status)
            return next
        }
    }
}
