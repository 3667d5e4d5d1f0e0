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
        let quoted = YAMLText.quoted(value)
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

    /// The parser's message when it rejects the value itself; nil when it takes it (other complaints, such as a
    /// missing required argument, are not about this value).
    private func rejection(_ command: CommandSpec, _ option: OptionSpec, _ value: String) -> String? {
        do {
            _ = try root.parseAsRoot(command.path + option.arguments(value))
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
