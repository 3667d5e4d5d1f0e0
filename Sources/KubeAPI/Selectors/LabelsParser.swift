/// Recursive-descent parser for the label selector grammar of apimachinery's `labels.Parse`:
/// `requirement (',' requirement)*`, where a requirement is `key`, `!key`, `key (=|==|!=) value`
/// or `key (in|notin) (v1,v2,…)`.
struct LabelsParser {
    private enum Token: Equatable {
        case identifier(String)
        case bang, equals, doubleEquals, notEquals, openParen, closeParen, comma, greater, less
        case end

        var quoted: String {
            switch self {
            case .identifier(let text): return text.quotedForMessage
            case .bang: return "\"!\""
            case .equals: return "\"=\""
            case .doubleEquals: return "\"==\""
            case .notEquals: return "\"!=\""
            case .openParen: return "\"(\""
            case .closeParen: return "\")\""
            case .comma: return "\",\""
            case .greater: return "\">\""
            case .less: return "\"<\""
            case .end: return "end of input"
            }
        }
    }

    private let input: String
    private let tokens: [Token]
    private var position = 0

    init(_ input: String) {
        self.input = input
        self.tokens = LabelsParser.tokenize(input)
    }

    mutating func parse() throws -> [Labels.Requirement] {
        var requirements: [Labels.Requirement] = []
        if peek == .end { return requirements }
        while true {
            requirements.append(try parseRequirement())
            switch next() {
            case .comma: continue
            case .end: return requirements
            case let other:
                let last = requirements.last.map { " after \($0.description.quotedForMessage)" } ?? ""
                throw syntax("expected \",\" or end of input\(last), found \(other.quoted)")
            }
        }
    }

    private mutating func parseRequirement() throws -> Labels.Requirement {
        var negated = false
        var token = next()
        if token == .bang {
            negated = true
            token = next()
        }
        guard case .identifier(let key) = token else {
            throw syntax("expected a label key\(negated ? " after \"!\"" : ""), found \(token.quoted)")
        }
        if let problem = LabelsValidation.problem(withKey: key) { throw SelectorError.invalidKey(.label, input, problem) }
        if peek == .comma || peek == .end {
            return try requirement(key, negated ? .doesNotExist : .exists, [])
        }
        if negated {
            throw syntax("expected \",\" or end of input after \("!\(key)".quotedForMessage), found \(peek.quoted)")
        }
        switch next() {
        case .equals, .doubleEquals: return try requirement(key, .equals, [try parseSingleValue(after: "=")])
        case .notEquals: return try requirement(key, .notEquals, [try parseSingleValue(after: "!=")])
        case .identifier("in"): return try requirement(key, .in, try parseValueList(after: "in"))
        case .identifier("notin"): return try requirement(key, .notIn, try parseValueList(after: "notin"))
        case .greater, .less:
            throw SelectorError.invalidOperator(.label, input, "operators \">\" and \"<\" are not supported")
        case let other:
            throw SelectorError.invalidOperator(
                .label, input, "expected \"=\", \"==\", \"!=\", \"in\" or \"notin\" after \(key.quotedForMessage), found \(other.quoted)")
        }
    }

    /// The value after `=`, `==` or `!=`; nothing before `,` or the end means the empty value.
    private mutating func parseSingleValue(after op: String) throws -> String {
        switch peek {
        case .comma, .end: return ""
        case .identifier(let value):
            position += 1
            return value
        case let other: throw syntax("expected a value after \"\(op)\", found \(other.quoted)")
        }
    }

    /// `(v1,v2,…)`; as in Kubernetes an empty slot, as in `()` or `(a,)`, is the empty value.
    private mutating func parseValueList(after op: String) throws -> [String] {
        let open = next()
        guard open == .openParen else { throw syntax("expected \"(\" after \"\(op)\", found \(open.quoted)") }
        var values: [String] = []
        var slot: String?
        while true {
            switch next() {
            case .identifier(let value):
                if let slot { throw syntax("expected \",\" or \")\" after \(slot.quotedForMessage), found \(value.quotedForMessage)") }
                slot = value
            case .comma:
                values.append(slot ?? "")
                slot = nil
            case .closeParen:
                values.append(slot ?? "")
                return values
            case .end:
                throw syntax("missing \")\"")
            case let other:
                throw syntax("expected a value, \",\" or \")\" in the values of \"\(op)\", found \(other.quoted)")
            }
        }
    }

    private func requirement(_ key: String, _ op: Labels.Operator, _ values: [String]) throws -> Labels.Requirement {
        try Labels.Requirement(key: key, operator: op, values: values, selector: input)
    }

    private func syntax(_ detail: String) -> SelectorError { SelectorError.syntax(.label, input, detail) }

    private var peek: Token { position < tokens.count ? tokens[position] : .end }

    private mutating func next() -> Token {
        defer { position += 1 }
        return peek
    }

    private static func tokenize(_ input: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(input.unicodeScalars)
        var index = 0
        func at(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        while let scalar = at(0) {
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
            case "!":
                if at(1) == "=" {
                    tokens.append(.notEquals)
                    index += 2
                } else {
                    tokens.append(.bang)
                    index += 1
                }
            case "=":
                if at(1) == "=" {
                    tokens.append(.doubleEquals)
                    index += 2
                } else {
                    tokens.append(.equals)
                    index += 1
                }
            case "(", ")", ",", ">", "<":
                let single: [Unicode.Scalar: Token] = ["(": .openParen, ")": .closeParen, ",": .comma, ">": .greater, "<": .less]
                tokens.append(single[scalar] ?? .end)
                index += 1
            default:
                var text = String.UnicodeScalarView()
                while let next = at(0), !isSpecial(next) {
                    text.append(next)
                    index += 1
                }
                tokens.append(.identifier(String(text)))
            }
        }
        return tokens
    }

    private static func isSpecial(_ scalar: Unicode.Scalar) -> Bool {
        " \t\n\r!=(),<>".unicodeScalars.contains(scalar)
    }
}
