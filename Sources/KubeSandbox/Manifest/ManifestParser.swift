import Foundation
import KubeAPI
import Yams

/// Turns YAML or JSON text (multi-document `---`, `kind: List`) into the objects it describes.
enum ManifestParser {
    static func objects(in text: String, origin: String) throws -> [JSONValue] {
        // Parsed root by root: Yams' lazy load_all stops silently at a syntax error instead of throwing.
        var documents: [Any?] = []
        do {
            try YAMLAliasLimit.check(text)
            let parser = try Parser(yaml: text)
            while let root = try parser.nextRoot() { documents.append(Constructor.default.any(from: root)) }
        } catch let exceeded as YAMLAliasLimit.Exceeded {
            throw SandboxError.invalidManifest(origin, "\(exceeded.line):\(exceeded.column): \(exceeded)")
        } catch {
            throw SandboxError.invalidManifest(origin, String(describing: error))
        }
        var objects: [JSONValue] = []
        for document in documents {
            guard let document else { continue }
            let value = try json(from: document, origin: origin)
            guard case .object = value else { throw SandboxError.invalidManifest(origin, "a document is not a mapping") }
            if let kind = value["kind"]?.stringValue, kind == "List" || kind.hasSuffix("List"), let items = value["items"]?.arrayValue {
                objects += items
            } else {
                objects.append(value)
            }
        }
        return objects
    }

    private static func json(from value: Any, origin: String) throws -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(Double(number))
        case let number as Double: return .number(number)
        case let date as Date: return .string(KubeJSON.formatTimestamp(date))
        case let data as Data: return .string(data.base64EncodedString())
        case let array as [Any?]: return .array(try array.map { try $0.map { try json(from: $0, origin: origin) } ?? .null })
        case let mapping as [AnyHashable: Any?]:
            var fields: [String: JSONValue] = [:]
            for (key, child) in mapping {
                fields[String(describing: key.base)] = try child.map { try json(from: $0, origin: origin) } ?? .null
            }
            return .object(fields)
        case is NSNull: return .null
        default:
            throw SandboxError.invalidManifest(origin, "unsupported YAML value \(value)")
        }
    }
}
