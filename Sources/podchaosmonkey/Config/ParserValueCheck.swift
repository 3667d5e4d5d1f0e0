import ArgumentParser
import Foundation

/// Asks the argument parser itself whether an option takes a value — the same parsing a command line gets — and
/// says why not in a config file's words (`"x" is not a valid integer`), since the parser's own message names a
/// flag the user never typed.
struct ParserValueCheck: Sendable {
    let root: any ParsableCommand.Type

    static let cli = ParserValueCheck(root: PodChaosMonkey.self)

    /// Nil when the parser takes `value` for `option` of `command`; otherwise what is wrong with it.
    func problem(command: CommandSpec, option: OptionSpec, value: String) -> String? {
        guard let message = rejection(command, option, value) else { return nil }
        let quoted = EchoedValue.quoted(value)
        if !option.allValues.isEmpty { return "\(quoted) is not one of \(option.allValues.joined(separator: ", "))" }
        // The parser does not say which type it wanted; Bools and numbers are the common cases, so probe for them.
        if rejection(command, option, "true") == nil, rejection(command, option, "false") == nil {
            return "\(quoted) is not true or false"
        }
        if rejection(command, option, "0") == nil {
            if rejection(command, option, "0.5") == nil { return "\(quoted) is not a valid number" }
            if rejection(command, option, "-1") != nil { return "\(quoted) is not a valid non-negative integer" }
            return "\(quoted) is not a valid integer"
        }
        return "\(quoted) is invalid" + Self.detail(of: message)
    }

    /// What is wrong with each value of a repeatable option the parser refuses, by index, in order; at most `limit`
    /// of them. Linear in the list: all values go to the parser in one command line, and only when it refuses one
    /// is the list halved to find which (k bad values of n cost about k·log n more parses).
    func problems(command: CommandSpec, option: OptionSpec, values: [String], limit: Int) -> [(index: Int, problem: String)] {
        var found: [(index: Int, problem: String)] = []
        func search(_ range: Range<Int>) {
            guard !range.isEmpty, found.count < limit, rejection(command, option, values[range]) != nil else { return }
            guard range.count > 1 else {
                if let problem = problem(command: command, option: option, value: values[range.lowerBound]) {
                    found.append((range.lowerBound, problem))
                }
                return
            }
            let middle = range.lowerBound + range.count / 2
            search(range.lowerBound..<middle)
            search(middle..<range.upperBound)
        }
        search(values.indices)
        return found
    }

    private func rejection(_ command: CommandSpec, _ option: OptionSpec, _ value: String) -> String? {
        rejection(command, option, CollectionOfOne(value))
    }

    /// The parser's message when it rejects one of the values itself; nil when it takes them all (other complaints,
    /// such as a missing required argument, are not about these values).
    private func rejection(_ command: CommandSpec, _ option: OptionSpec, _ values: some Collection<String>) -> String? {
        do {
            _ = try root.parseAsRoot(command.path + SettingValue.list(Array(values)).arguments(for: option))
            return nil
        } catch {
            let message = root.message(for: error)
            return message.hasPrefix("The value '") && message.contains("for '--\(option.name)") ? message : nil
        }
    }

    /// What the value's own type said, after the parser's "The value 'x' is invalid for '--name <name>'".
    private static func detail(of message: String) -> String {
        guard let end = message.range(of: ">'") ?? message.range(of: "'", options: .backwards) else { return "" }
        let rest = message[end.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !rest.isEmpty, rest != "." else { return "" }
        return rest.hasPrefix(":") ? String(rest) : ": " + rest
    }
}
