extension Fields {
    /// A parsed field selector: the AND of `field=value`, `field==value` and `field!=value` terms.
    /// A server checks `requirements` against the fields it supports; matching asks the caller to look fields up.
    public struct Selector: Sendable, Hashable, CustomStringConvertible {
        public typealias Requirement = Fields.Requirement

        public let requirements: [Requirement]

        public static let everything = Selector([])

        public init(_ requirements: [Requirement]) {
            self.requirements = Array(Set(requirements)).sorted { $0.description < $1.description }
        }

        /// Parses the `--field-selector` / `fieldSelector=` syntax. Terms are split at unescaped commas; the
        /// first `!=`, `==` or `=` splits a term, so field names cannot contain them; values may escape
        /// `\\`, `\,` and `\=`. As in Kubernetes, whitespace is part of names and values, and empty text selects everything.
        public init(parsing text: String) throws {
            var requirements: [Requirement] = []
            // Kubernetes skips empty terms, so `a=b,` is `a=b`.
            for term in Selector.splitTerms(text) where !term.isEmpty {
                guard let (field, op, rawValue) = Selector.splitTerm(term) else {
                    throw SelectorError.invalidOperator(.field, text, "term \(term.quotedForMessage) has no \"=\", \"==\" or \"!=\"")
                }
                if field.isEmpty {
                    throw SelectorError.invalidKey(.field, text, "term \(term.quotedForMessage) has no field name")
                }
                requirements.append(Requirement(field: field, operator: op, value: try Selector.unescape(rawValue, in: text)))
            }
            self.init(requirements)
        }

        public var isEverything: Bool { requirements.isEmpty }

        /// `lookup` returns an object's value for a field path such as `spec.nodeName`, nil when it has none.
        public func matches(_ lookup: (String) -> String?) -> Bool {
            requirements.allSatisfy { $0.matches(lookup) }
        }

        public var description: String { requirements.map(\.description).joined(separator: ",") }

        /// Splits at commas not preceded by an escaping backslash, keeping escapes for `unescape`.
        private static func splitTerms(_ text: String) -> [String] {
            var terms: [String] = []
            var current = ""
            var escaped = false
            for character in text {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    current.append(character)
                    escaped = true
                } else if character == "," {
                    terms.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            terms.append(current)
            return terms
        }

        private static func splitTerm(_ term: String) -> (String, Operator, String)? {
            var index = term.startIndex
            while index < term.endIndex {
                let rest = term[index...]
                for (token, op) in [("!=", Operator.notEquals), ("==", .equals), ("=", .equals)] where rest.hasPrefix(token) {
                    return (String(term[..<index]), op, String(rest.dropFirst(token.count)))
                }
                index = term.index(after: index)
            }
            return nil
        }

        private static func unescape(_ raw: String, in text: String) throws -> String {
            var out = ""
            var escaped = false
            for character in raw {
                if escaped {
                    guard character == "\\" || character == "," || character == "=" else {
                        throw SelectorError.invalidEscape(
                            .field, text, "invalid escape sequence \("\\\(character)".quotedForMessage) in value \(raw.quotedForMessage)")
                    }
                    out.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "=" || character == "," {
                    throw SelectorError.invalidEscape(
                        .field, text, "value \(raw.quotedForMessage) has an unescaped \(String(character).quotedForMessage)")
                } else {
                    out.append(character)
                }
            }
            if escaped {
                throw SelectorError.invalidEscape(.field, text, "value \(raw.quotedForMessage) ends with a lone backslash")
            }
            return out
        }
    }
}
