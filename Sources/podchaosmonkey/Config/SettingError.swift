/// A setting from a config file or the environment that cannot be used: one line naming the file (or variable) and
/// the key, and what to do about it. Usage errors: the CLI exits 2.
struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Code: Equatable, Sendable {
        case unreadable(reason: String)
        case invalidYAML(line: Int?, column: Int?, problem: String)
        case notAMapping(found: String)
        case unknownKey(suggestion: String?)
        case otherCommand(commands: [String], command: String)
        case wrongShape(expected: String, found: String)
        case notABoolean(value: String)
        case invalidValue(problem: String)
        /// The command's own check refused the settings: its one-line message, already naming where the value came from.
        case refused(message: String)
    }

    /// The config file's path as given, or the environment variable.
    let culprit: String
    /// `max-kills`, `namespace[1]`; nil for problems with the file as a whole.
    let keyPath: String?
    private let code: Code

    private init(_ culprit: String, _ keyPath: String?, _ code: Code) {
        self.culprit = culprit
        self.keyPath = keyPath
        self.code = code
    }

    static func unreadable(_ path: String, reason: String) -> SettingError { .init(path, nil, .unreadable(reason: reason)) }
    static func invalidYAML(_ path: String, line: Int?, column: Int?, problem: String) -> SettingError {
        .init(path, nil, .invalidYAML(line: line, column: column, problem: problem))
    }
    static func notAMapping(_ path: String, found: String) -> SettingError { .init(path, nil, .notAMapping(found: found)) }
    static func unknownKey(_ path: String, key: String, suggestion: String?) -> SettingError {
        .init(path, key, .unknownKey(suggestion: suggestion))
    }
    static func otherCommand(_ path: String, key: String, commands: [String], command: String) -> SettingError {
        .init(path, key, .otherCommand(commands: commands, command: command))
    }
    static func wrongShape(_ culprit: String, keyPath: String, expected: String, found: String) -> SettingError {
        .init(culprit, keyPath, .wrongShape(expected: expected, found: found))
    }
    static func notABoolean(_ culprit: String, keyPath: String?, value: String) -> SettingError {
        .init(culprit, keyPath, .notABoolean(value: value))
    }
    /// `problem` says what is wrong with the value in the parser's terms (`"x" is not a valid integer`).
    static func invalidValue(_ culprit: String, keyPath: String?, problem: String) -> SettingError {
        .init(culprit, keyPath, .invalidValue(problem: problem))
    }

    /// `message` is what the command says when it runs with the file's settings.
    static func refused(_ path: String, message: String) -> SettingError { .init(path, nil, .refused(message: message)) }

    var description: String {
        let key = EchoedValue.excerpt(keyPath ?? "")
        let prefix = keyPath.map { "\(culprit): \(EchoedValue.excerpt($0)): " } ?? "\(culprit): "
        switch code {
        case .unreadable(let reason):
            return "\(culprit): cannot read the config file: \(reason)"
        case .invalidYAML(let line, let column, let problem):
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(culprit)\(position): invalid YAML: \(EchoedValue.excerpt(problem))"
        case .notAMapping(let found):
            return "\(culprit): expected a mapping of flag names to values (like max-kills: 2), got \(found)"
        case .unknownKey(let suggestion):
            return "\(culprit): unknown key '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .otherCommand(let commands, let command):
            return "\(culprit): key '\(key)' applies to \(Self.list(commands)), not \(command)"
        case .wrongShape(let expected, let found):
            return "\(prefix)expected \(expected), got \(found)"
        case .notABoolean(let value):
            return "\(prefix)expected true or false, got \(EchoedValue.quoted(value))"
        case .invalidValue(let problem):
            return "\(prefix)\(EchoedValue.excerpt(problem))"
        case .refused(let message):
            return message.hasPrefix(culprit + ":") ? message : "\(culprit): \(message)"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }
}
