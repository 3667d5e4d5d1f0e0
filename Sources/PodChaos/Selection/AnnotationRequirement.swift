/// One `--annotation` filter: `key=value` must hold, `!key=value` must not; `key` / `!key` test presence.
public struct AnnotationRequirement: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var value: String?
    public var negated: Bool

    public init(key: String, value: String?, negated: Bool) {
        self.key = key
        self.value = value
        self.negated = negated
    }

    public init(parsing text: String) throws(SelectionError) {
        var body = Substring(text.trimmingWhitespace())
        negated = body.hasPrefix("!")
        if negated { body = body.dropFirst() }
        let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let rawKey = parts.first, !rawKey.isEmpty, !rawKey.contains(where: \.isWhitespace) else {
            throw SelectionError.invalidAnnotation(text)
        }
        key = String(rawKey)
        value = parts.count > 1 ? String(parts[1]) : nil
    }

    public func matches(_ annotations: [String: String]) -> Bool {
        let holds: Bool
        if let value {
            holds = annotations[key] == value
        } else {
            holds = annotations[key] != nil
        }
        return holds != negated
    }

    public var description: String { (negated ? "!" : "") + key + (value.map { "=\($0)" } ?? "") }
}
