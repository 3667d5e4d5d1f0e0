/// Why a fault plan cannot be loaded, in one line that names the rule (by index, from 0) and the field.
public struct FaultPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case unreadable
        case notAPlan
        case invalidRule
    }

    private let code: Code
    /// Index of the offending rule, from 0; nil when the document as a whole is wrong.
    public let ruleIndex: Int?
    /// The offending field inside the rule, dotted (`action.latency`); nil when the rule as a whole is wrong.
    public let field: String?
    public let detail: String

    private init(code: Code, ruleIndex: Int? = nil, field: String? = nil, detail: String) {
        self.code = code
        self.ruleIndex = ruleIndex
        self.field = field
        self.detail = detail
    }

    static func unreadable(_ detail: String) -> FaultPlanError { FaultPlanError(code: .unreadable, detail: detail) }
    static func notAPlan(_ detail: String) -> FaultPlanError { FaultPlanError(code: .notAPlan, detail: detail) }
    static func invalidRule(_ index: Int, field: String?, _ detail: String) -> FaultPlanError {
        FaultPlanError(code: .invalidRule, ruleIndex: index, field: field, detail: detail)
    }

    public var description: String {
        let text: String
        switch code {
        case .unreadable:
            text = "fault plan is not valid YAML or JSON: \(detail)"
        case .notAPlan:
            text = "fault plan \(detail); write `rules:` followed by a list of rules"
        case .invalidRule:
            let index = ruleIndex ?? 0
            text = field.map { "fault rule \(index), field \"\($0)\": \(detail)" } ?? "fault rule \(index): \(detail)"
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
