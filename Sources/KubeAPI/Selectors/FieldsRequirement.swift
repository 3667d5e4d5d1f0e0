extension Fields {
    /// Field selectors compare for equality only. `==` parses to `equals`.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals = "="
        case notEquals = "!="
    }

    /// One term of a field selector: a field path such as `metadata.name` or `status.phase`, and a value.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public let field: String
        public let `operator`: Operator
        /// The value with escapes removed.
        public let value: String

        public init(field: String, operator: Operator, value: String) {
            self.field = field
            self.operator = `operator`
            self.value = value
        }

        /// A field the object lacks reads as the empty string, as `fields.Set` does in Kubernetes.
        public func matches(_ lookup: (String) -> String?) -> Bool {
            let actual = lookup(field) ?? ""
            return (actual == value) == (`operator` == .equals)
        }

        /// `field=value` with `\`, `,` and `=` in the value escaped, as `fields.EscapeValue` does.
        public var description: String { field + `operator`.rawValue + Requirement.escape(value) }

        static func escape(_ value: String) -> String {
            var out = ""
            for character in value {
                if character == "\\" || character == "," || character == "=" { out.append("\\") }
                out.append(character)
            }
            return out
        }
    }
}
