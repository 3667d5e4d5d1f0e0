extension Labels {
    /// The operators of a label selector requirement. `==` parses to `equals`; it means the same as `=`.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals = "="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
    }

    /// One condition of a label selector: a key, an operator and the values it compares with.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public let key: String
        public let `operator`: Operator
        /// Sorted and free of duplicates, so equal requirements compare equal.
        public let values: [String]

        /// Validates the key, the values and their number as apimachinery's `NewRequirement` does.
        public init(key: String, operator: Operator, values: [String] = []) throws {
            try self.init(key: key, operator: `operator`, values: values, selector: nil)
        }

        /// `selector` names the text being parsed, for the error message; nil renders this requirement instead.
        init(key: String, operator: Operator, values: [String], selector: String?) throws {
            let unique = Array(Set(values)).sorted()
            func fail(_ make: (SelectorError.Kind, String, String) -> SelectorError, _ detail: String) -> SelectorError {
                make(.label, selector ?? Requirement.render(key: key, operator: `operator`, values: unique), detail)
            }
            if let problem = LabelsValidation.problem(withKey: key) { throw fail(SelectorError.invalidKey, problem) }
            switch `operator` {
            case .equals, .notEquals:
                if unique.count != 1 {
                    throw fail(SelectorError.invalidOperator, "\"\(`operator`.rawValue)\" needs exactly one value")
                }
            case .in, .notIn:
                if unique.isEmpty { throw fail(SelectorError.invalidOperator, "\"\(`operator`.rawValue)\" needs at least one value") }
            case .exists, .doesNotExist:
                if !unique.isEmpty {
                    throw fail(SelectorError.invalidOperator, "an existence test on \(key.quotedForMessage) takes no values")
                }
            }
            for value in unique {
                if let problem = LabelsValidation.problem(withValue: value) { throw fail(SelectorError.invalidValue, problem) }
            }
            self.key = key
            self.operator = `operator`
            self.values = unique
        }

        /// Whether a set of labels satisfies this requirement. A missing label satisfies `!=` and `notin`, as in Kubernetes.
        public func matches(_ labels: [String: String]) -> Bool {
            switch `operator` {
            case .equals, .in:
                guard let value = labels[key] else { return false }
                return values.contains(value)
            case .notEquals, .notIn:
                guard let value = labels[key] else { return true }
                return !values.contains(value)
            case .exists:
                return labels[key] != nil
            case .doesNotExist:
                return labels[key] == nil
            }
        }

        public var description: String { Requirement.render(key: key, operator: `operator`, values: values) }

        private static func render(key: String, operator: Operator, values: [String]) -> String {
            switch `operator` {
            case .equals, .notEquals: return key + `operator`.rawValue + values.joined(separator: ",")
            case .in, .notIn: return "\(key) \(`operator`.rawValue) (\(values.joined(separator: ",")))"
            case .exists: return key
            case .doesNotExist: return "!" + key
            }
        }
    }
}
