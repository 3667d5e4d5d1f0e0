extension Labels {
    /// A parsed label selector: the AND of its requirements. Requirements are kept in a canonical order,
    /// so two selectors that select the same way by the same rules compare equal.
    public struct Selector: Sendable, Hashable, CustomStringConvertible {
        public typealias Requirement = Labels.Requirement

        public let requirements: [Requirement]

        /// Selects every object: the empty selector.
        public static let everything = Selector(requirements: [])

        public init(_ requirements: [Requirement]) {
            self.init(requirements: requirements)
        }

        private init(requirements: [Requirement]) {
            self.requirements = Array(Set(requirements)).sorted { lhs, rhs in
                (lhs.key, lhs.operator.rawValue, lhs.values.joined(separator: ",")) < (
                    rhs.key, rhs.operator.rawValue, rhs.values.joined(separator: ",")
                )
            }
        }

        /// Parses the `kubectl -l` / `labelSelector=` syntax. An empty or blank string selects everything.
        public init(parsing text: String) throws {
            var parser = LabelsParser(text)
            self.init(requirements: try parser.parse())
        }

        /// Builds the selector a `metav1.LabelSelector` stands for: `matchLabels` as `key=value`, and
        /// `matchExpressions` with the operators `In`, `NotIn`, `Exists` and `DoesNotExist`.
        public init(matchLabels: [String: String], matchExpressions: [(key: String, operator: String, values: [String])]) throws {
            var requirements: [Requirement] = []
            for (key, value) in matchLabels {
                requirements.append(
                    try Requirement(key: key, operator: .equals, values: [value], selector: "matchLabels \(key): \(value)"))
            }
            for (index, expression) in matchExpressions.enumerated() {
                let context =
                    "matchExpressions[\(index)]: \(expression.key) \(expression.operator) [\(expression.values.joined(separator: ","))]"
                let op: Operator
                switch expression.operator {
                case "In": op = .in
                case "NotIn": op = .notIn
                case "Exists": op = .exists
                case "DoesNotExist": op = .doesNotExist
                default:
                    throw SelectorError.invalidOperator(
                        .label, context, "operator \(expression.operator.quotedForMessage) is not In, NotIn, Exists or DoesNotExist")
                }
                requirements.append(try Requirement(key: expression.key, operator: op, values: expression.values, selector: context))
            }
            self.init(requirements: requirements)
        }

        public var isEverything: Bool { requirements.isEmpty }

        public func matches(_ labels: [String: String]) -> Bool {
            requirements.allSatisfy { $0.matches(labels) }
        }

        /// Canonical text that parses back to an equal selector.
        public var description: String { requirements.map(\.description).joined(separator: ",") }
    }
}
