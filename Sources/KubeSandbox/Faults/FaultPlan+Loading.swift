import Foundation
import KubeAPI
import Yams

extension FaultPlan {
    /// Loads a plan from YAML (or JSON, which is YAML): a mapping with `rules:`, or the list of rules itself.
    /// Quote a bare `*` (`verb: "*"`): unquoted, YAML reads it as an alias.
    public static func load(yaml text: String) throws(FaultPlanError) -> FaultPlan {
        if text.allSatisfy(\.isWhitespace) { return FaultPlan() }
        let document: JSONValue
        do {
            try YAMLAliasLimit.check(text)
            document = try YAMLDecoder().decode(JSONValue.self, from: text)
        } catch let exceeded as YAMLAliasLimit.Exceeded {
            throw .unreadable("\(exceeded.line):\(exceeded.column): \(exceeded)")
        } catch {
            throw .unreadable(yamlProblem(error))
        }
        return try plan(from: document)
    }

    /// The parser's own words, without the decoder's wrapping, and a hint for the most common slip.
    private static func yamlProblem(_ error: any Error) -> String {
        var underlying: any Error = error
        if case DecodingError.dataCorrupted(let context) = error, let cause = context.underlyingError { underlying = cause }
        let text = String(describing: underlying)
        return text.contains("alias") ? text + " (quote a bare *, as in verb: \"*\")" : text
    }

    public static func load(json data: Data) throws(FaultPlanError) -> FaultPlan {
        let document: JSONValue
        do {
            document = try JSONValue(data: data)
        } catch {
            throw .unreadable(String(describing: error))
        }
        return try plan(from: document)
    }

    private static func plan(from document: JSONValue) throws(FaultPlanError) -> FaultPlan {
        let list: [JSONValue]
        switch document {
        case .null:
            return FaultPlan()
        case .array(let items):
            list = items
        case .object(let fields):
            if let unknown = fields.keys.sorted().first(where: { $0 != "rules" }) {
                throw .notAPlan("has unknown field \"\(unknown)\"")
            }
            switch fields["rules"] {
            case .array(let items): list = items
            case .null, nil: return FaultPlan()
            default: throw .notAPlan("field \"rules\" is not a list")
            }
        default:
            throw .notAPlan("is not a mapping or a list")
        }
        var rules: [FaultRule] = []
        for (index, item) in list.enumerated() {
            do {
                rules.append(try item.decode(as: FaultRule.self))
            } catch let error as DecodingError {
                let (path, detail) = explain(error)
                throw .invalidRule(index, field: path.isEmpty ? nil : fieldName(path), detail)
            } catch {
                throw .invalidRule(index, field: nil, String(describing: error))
            }
        }
        return FaultPlan(rules: rules)
    }

    private static func explain(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .keyNotFound(let key, let context): return (context.codingPath + [key], "is required")
        case .valueNotFound(_, let context): return (context.codingPath, "is missing")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return ([], "is not a mapping; write a rule with verb, path, user, times, probability and action")
        case .typeMismatch(_, let context): return (context.codingPath, "has the wrong type: \(context.debugDescription)")
        case .dataCorrupted(let context): return (context.codingPath, context.debugDescription)
        @unknown default: return ([], String(describing: error))
        }
    }

    private static func fieldName(_ path: [any CodingKey]) -> String {
        var name = ""
        for key in path {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += name.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return name
    }
}
