import Foundation
import Yams

/// A YAML mapping inside one kubeconfig file, with typed accessors that report the file and field path on a type mismatch.
///
/// kubectl decodes kubeconfig strictly by type (a list where a string belongs is an error), so a wrongly typed field is
/// reported rather than ignored. Absent and `null` values both read as nil.
struct KubeconfigNode {
    let mapping: Yams.Node.Mapping
    let file: String
    /// Field path of this mapping, e.g. `users[alice].exec`; empty at the document root.
    let path: String

    func fieldPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private func value(_ key: String) -> Yams.Node? {
        guard let node = mapping[key] else { return nil }
        if case .scalar = node, Self.tagged(node, .null) { return nil }
        return node
    }

    /// Any scalar reads as a string, as kubectl does for string fields (`token: 123` is the token "123").
    func string(_ key: String) throws -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw typeError(key, "must be a string") }
        return scalar.string
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = value(key) else { return nil }
        guard Self.tagged(node, .bool), let flag = node.bool else { throw typeError(key, "must be true or false") }
        return flag
    }

    /// Standard base64, as Go encodes `[]byte`; line breaks are tolerated, anything else invalid is an error.
    func base64(_ key: String) throws -> [UInt8]? {
        guard let text = try string(key) else { return nil }
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { throw typeError(key, "is not valid base64") }
        return [UInt8](data)
    }

    func object(_ key: String) throws -> KubeconfigNode? {
        guard let node = value(key) else { return nil }
        guard case .mapping(let child) = node else { throw typeError(key, "must be a mapping") }
        return KubeconfigNode(mapping: child, file: file, path: fieldPath(key))
    }

    func list(_ key: String) throws -> [Yams.Node]? {
        guard let node = value(key) else { return nil }
        guard case .sequence(let items) = node else { throw typeError(key, "must be a list") }
        return Array(items)
    }

    func stringList(_ key: String) throws -> [String]? {
        guard let items = try list(key) else { return nil }
        return try items.enumerated().map { index, item in
            guard case .scalar(let scalar) = item else { throw typeError("\(key)[\(index)]", "must be a string") }
            return scalar.string
        }
    }

    /// The mappings of a list such as `users`, each with the path `users[<name>]` (or `users[<index>]` until the name is known).
    func mappings(_ key: String) throws -> [KubeconfigNode] {
        guard let items = try list(key) else { return [] }
        return try items.enumerated().map { index, item in
            guard case .mapping(let child) = item else { throw typeError("\(key)[\(index)]", "must be a mapping") }
            return KubeconfigNode(mapping: child, file: file, path: fieldPath("\(key)[\(index)]"))
        }
    }

    func renamed(_ newPath: String) -> KubeconfigNode {
        KubeconfigNode(mapping: mapping, file: file, path: newPath)
    }

    func typeError(_ key: String, _ problem: String) -> ConfigError {
        ConfigError.invalidField(file, field: fieldPath(key), problem: problem)
    }

    /// The resolved tag, e.g. a plain `true` is `bool` and a quoted `"true"` is `str`.
    private static func tagged(_ node: Yams.Node, _ name: Tag.Name) -> Bool {
        node.tag.rawValue == name.rawValue
    }

    /// The raw node as JSON-compatible Foundation values, for passing a cluster's exec extension to a plugin.
    static func jsonObject(_ node: Yams.Node) -> Any {
        switch node {
        case .scalar(let scalar):
            if tagged(node, .null) { return NSNull() }
            if tagged(node, .bool), let flag = node.bool { return flag }
            if tagged(node, .int), let number = node.int { return number }
            if tagged(node, .float), let number = node.float { return number }
            return scalar.string
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = jsonObject(value) }
            return object
        case .sequence(let sequence):
            return sequence.map(jsonObject)
        case .alias:
            return NSNull()
        }
    }
}
