/// Why a label or field selector was refused: the whole selector, and the part that is wrong.
public struct SelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case syntax
        case invalidKey
        case invalidValue
        case invalidOperator
        case invalidEscape
    }

    public enum Kind: String, Sendable, Hashable {
        case label
        case field
    }

    private let code: Code
    public let kind: Kind
    /// The selector as the user wrote it, or a rendering of the structured form it came from.
    public let selector: String
    /// What is wrong, quoting the offending part.
    public let detail: String

    private init(code: Code, kind: Kind, selector: String, detail: String) {
        self.code = code
        self.kind = kind
        self.selector = selector
        self.detail = detail
    }

    static func syntax(_ kind: Kind, _ selector: String, _ detail: String) -> SelectorError {
        SelectorError(code: .syntax, kind: kind, selector: selector, detail: detail)
    }

    static func invalidKey(_ kind: Kind, _ selector: String, _ detail: String) -> SelectorError {
        SelectorError(code: .invalidKey, kind: kind, selector: selector, detail: detail)
    }

    static func invalidValue(_ kind: Kind, _ selector: String, _ detail: String) -> SelectorError {
        SelectorError(code: .invalidValue, kind: kind, selector: selector, detail: detail)
    }

    static func invalidOperator(_ kind: Kind, _ selector: String, _ detail: String) -> SelectorError {
        SelectorError(code: .invalidOperator, kind: kind, selector: selector, detail: detail)
    }

    static func invalidEscape(_ kind: Kind, _ selector: String, _ detail: String) -> SelectorError {
        SelectorError(code: .invalidEscape, kind: kind, selector: selector, detail: detail)
    }

    /// The selector's structure is wrong: a missing parenthesis, operator or separator.
    public var isSyntax: Bool { code == .syntax }
    /// A label key or field name breaks the Kubernetes naming rules.
    public var isInvalidKey: Bool { code == .invalidKey }
    /// A label value breaks the Kubernetes label value rules.
    public var isInvalidValue: Bool { code == .invalidValue }
    /// An operator that does not exist or does not fit its values.
    public var isInvalidOperator: Bool { code == .invalidOperator }
    /// A field selector value with a `\` sequence other than `\\`, `\,` or `\=`, or an unescaped `,` or `=`.
    public var isInvalidEscape: Bool { code == .invalidEscape }

    public var description: String { "invalid \(kind.rawValue) selector \(selector.quotedForMessage): \(detail)" }
}

extension String {
    /// Double-quoted, with control characters escaped, so a message about any input stays on one line.
    var quotedForMessage: String {
        var out = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
