/// RFC 7386 JSON Merge Patch (`application/merge-patch+json`).
public enum JSONMergePatch {
    /// An object patch merges member by member, `null` deleting; any other patch replaces the target.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let members) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (name, value) in members {
            if value == .null {
                result[name] = nil
            } else {
                result[name] = apply(value, to: result[name] ?? .null)
            }
        }
        return .object(result)
    }
}
