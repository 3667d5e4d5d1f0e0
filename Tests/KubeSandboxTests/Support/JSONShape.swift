import KubeSandbox

/// The structure of a JSON value without its data: keys and JSON types, recursively. Two answers with the
/// same shape differ only in values such as names, UIDs and messages.
indirect enum JSONShape: Hashable, CustomStringConvertible {
    case null, bool, number, string
    case array(JSONShape?)
    case object([String: JSONShape])

    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool: self = .bool
        case .number: self = .number
        case .string: self = .string
        case .array(let items): self = .array(items.first.map(JSONShape.init))
        case .object(let fields): self = .object(fields.mapValues(JSONShape.init))
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .array(let item): return "[\(item?.description ?? "")]"
        case .object(let fields):
            return "{" + fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
