import Foundation
import PodChaosDaemon
import Yams

import enum KubeAPI.YAMLAliasLimit

/// A config file: a YAML mapping from long flag names to values (`max-kills: 2`, `namespace: [a, b]`,
/// `no-wait: true`). Reading it checks only the YAML and its shape; which keys and values a command takes is
/// decided against that command.
struct ConfigDocument: Equatable, Sendable {
    enum Value: Equatable, Sendable {
        /// `key:`, `key: ~` or `key: null`: not set.
        case null
        /// The scalar's text as written (quotes removed): the parser, not YAML, decides what it means.
        case scalar(String)
        case list([String])
        /// A shape no option takes (a mapping, a nested list): reported for this key, in the file's order.
        case malformed([SettingError])
    }

    struct Entry: Equatable, Sendable {
        let key: String
        let value: Value
    }

    /// The path as the user gave it: messages and `config print` name the file this way.
    let path: String
    let entries: [Entry]
    /// Keys that are not flag names at all (a list as a key).
    let problems: [SettingError]

    /// Reads and parses the file at `path`; a missing, unreadable or oversized file (see BoundedFile.documentLimit),
    /// or invalid YAML, throws.
    static func load(path: String) throws(SettingError) -> ConfigDocument {
        let text: String
        do {
            text = try BoundedFile.read(path, limit: BoundedFile.documentLimit)
        } catch {
            throw .unreadable(path, reason: error.description)
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(SettingError) -> ConfigDocument {
        let root: Node?
        do {
            try YAMLAliasLimit.check(text)
            root = try Yams.compose(yaml: text)
        } catch let exceeded as YAMLAliasLimit.Exceeded {
            throw .invalidYAML(path, line: exceeded.line, column: exceeded.column, problem: exceeded.description)
        } catch let error as YamlError {
            throw Self.syntaxError(error, path: path)
        } catch {
            throw .invalidYAML(path, line: nil, column: nil, problem: "\(error)")
        }
        guard let root else { return ConfigDocument(path: path, entries: [], problems: []) }
        if Self.isNull(root) { return ConfigDocument(path: path, entries: [], problems: []) }
        guard let mapping = root.mapping else { throw .notAMapping(path, found: Self.describe(root)) }
        var entries: [Entry] = []
        var problems: [SettingError] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                problems.append(.wrongShape(path, keyPath: "(key)", expected: "a flag name as key", found: Self.describe(keyNode)))
                continue
            }
            switch valueNode {
            case _ where Self.isNull(valueNode): entries.append(Entry(key: key, value: .null))
            case .scalar(let scalar): entries.append(Entry(key: key, value: .scalar(scalar.string)))
            case .sequence(let sequence):
                var items: [String] = []
                var itemProblems: [SettingError] = []
                for (index, item) in sequence.enumerated() {
                    if let scalar = item.scalar, !Self.isNull(item) {
                        items.append(scalar.string)
                    } else {
                        itemProblems.append(.wrongShape(path, keyPath: "\(key)[\(index)]", expected: "a value", found: Self.describe(item)))
                    }
                }
                entries.append(Entry(key: key, value: itemProblems.isEmpty ? .list(items) : .malformed(itemProblems)))
            default:
                let problem = SettingError.wrongShape(
                    path, keyPath: key, expected: "a value or a list of values", found: Self.describe(valueNode))
                entries.append(Entry(key: key, value: .malformed([problem])))
            }
        }
        return ConfigDocument(path: path, entries: entries, problems: problems)
    }

    /// A plain `~`, `null` or nothing; a quoted `""` is an empty string.
    private static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return (scalar.style == .plain || scalar.style == .any) && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case _ where isNull(node): return "null"
        case .scalar(let scalar): return "the value \(EchoedValue.quoted(scalar.string))"
        }
    }

    private static func syntaxError(_ error: YamlError, path: String) -> SettingError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return .invalidYAML(path, line: mark.line, column: mark.column, problem: detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidYAML(
                path, line: context.mark.line, column: context.mark.column,
                problem: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return .invalidYAML(path, line: nil, column: nil, problem: problem)
        default:
            return .invalidYAML(path, line: nil, column: nil, problem: "\(error)".split(separator: "\n").first.map(String.init) ?? "")
        }
    }
}
