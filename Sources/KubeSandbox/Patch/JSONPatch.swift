import Foundation

/// RFC 6902 JSON Patch (`application/json-patch+json`): an array of operations applied in order, all or nothing.
public enum JSONPatch {
    public static func apply(_ operations: JSONValue, to target: JSONValue) throws -> JSONValue {
        guard case .array(let list) = operations else {
            throw PatchError.malformed(.json, at: nil, "the patch must be a JSON array of operations")
        }
        var document = target
        for (index, operation) in list.enumerated() {
            try apply(operation, index: index, to: &document)
        }
        return document
    }

    private static func apply(_ operation: JSONValue, index: Int, to document: inout JSONValue) throws {
        guard case .object(let fields) = operation else {
            throw PatchError.malformed(.json, at: "operations[\(index)]", "an operation must be a JSON object")
        }
        guard let op = fields["op"]?.stringValue else {
            throw PatchError.malformed(.json, at: "operations[\(index)]", "the operation has no \"op\" string")
        }
        guard let pathText = fields["path"]?.stringValue else {
            throw PatchError.malformed(.json, at: "operations[\(index)] (\(op))", "the operation has no \"path\" string")
        }
        let location = "operations[\(index)] (\(op) \(quoted(pathText)))"
        guard let path = JSONPointer(pathText) else {
            throw PatchError.invalidPointer(.json, at: location, "\(quoted(pathText)) is not a JSON pointer")
        }
        func value() throws -> JSONValue {
            // An explicit `"value": null` is a value; only a missing member is an error.
            guard let value = fields["value"] else { throw PatchError.malformed(.json, at: location, "\"\(op)\" needs a \"value\"") }
            return value
        }
        func from() throws -> JSONPointer {
            guard let text = fields["from"]?.stringValue else {
                throw PatchError.malformed(.json, at: location, "\"\(op)\" needs a \"from\" string")
            }
            guard let pointer = JSONPointer(text) else {
                throw PatchError.invalidPointer(.json, at: location, "from \(quoted(text)) is not a JSON pointer")
            }
            return pointer
        }
        do {
            switch op {
            case "add":
                try document.add(try value(), at: path)
            case "remove":
                if path.tokens.isEmpty { throw PatchError.malformed(.json, at: location, "cannot remove the whole document") }
                try document.remove(at: path)
            case "replace":
                let newValue = try value()
                if path.tokens.isEmpty {
                    document = newValue
                } else {
                    try document.remove(at: path)
                    try document.add(newValue, at: path)
                }
            case "move":
                let source = try from()
                if source == path { break }
                if path.isProperChild(of: source) {
                    throw PatchError.malformed(.json, at: location, "cannot move \(quoted(source.description)) into itself")
                }
                if source.tokens.isEmpty { throw PatchError.malformed(.json, at: location, "cannot move the whole document") }
                let moved = try document.remove(at: source)
                try document.add(moved, at: path)
            case "copy":
                let source = try from()
                guard let copied = document.value(at: source) else {
                    throw PatchError.pathNotFound(.json, at: location, "from \(quoted(source.description)) does not exist")
                }
                try document.add(copied, at: path)
            case "test":
                let expected = try value()
                guard let actual = document.value(at: path) else {
                    throw PatchError.testFailed(.json, at: location, "\(quoted(pathText)) does not exist")
                }
                guard actual == expected else {
                    throw PatchError.testFailed(.json, at: location, "found \(render(actual)), expected \(render(expected))")
                }
            default:
                throw PatchError.malformed(.json, at: "operations[\(index)]", "unknown op \(quoted(op))")
            }
        } catch let failure as JSONPointerFailure {
            switch failure {
            case .notFound(let pointer):
                throw PatchError.pathNotFound(.json, at: location, "\(quoted(pointer)) does not exist")
            case .outOfBounds(let detail):
                throw PatchError.indexOutOfBounds(.json, at: location, detail)
            case .notAnIndex(let token):
                throw PatchError.invalidPointer(.json, at: location, "\(quoted(token)) is not an array index")
            }
        }
    }

    private static func quoted(_ text: String) -> String {
        render(.string(text))
    }

    /// Compact JSON, cut short so a message about a large value stays one readable line.
    private static func render(_ value: JSONValue) -> String {
        let text = String(decoding: value.data(), as: UTF8.self)
        return text.count <= 80 ? text : String(text.prefix(80)) + "…"
    }
}
