/// An option's value, whichever source it came from.
enum SettingValue: Equatable, Sendable {
    /// Nothing set: the parser's own default applies (an optional stays nil).
    case unset
    case flag(Bool)
    case count(Int)
    case single(String)
    case list([String])

    /// The command-line arguments that give `option` this value; empty when the parser's default says the same.
    func arguments(for option: OptionSpec) -> [String] {
        switch self {
        case .unset: return []
        case .flag(true): return ["--" + option.name]
        case .flag(false): return option.inverse.map { ["--" + $0] } ?? []
        case .count(let count): return Array(repeating: "--" + option.name, count: max(count, 0))
        case .single(let value): return option.arguments(value)
        case .list(let values) where option.takesCommaSeparatedList && values.allSatisfy({ !$0.isEmpty && !$0.contains(",") }):
            return values.isEmpty ? [] : option.arguments(values.joined(separator: ","))
        case .list(let values): return values.flatMap(option.arguments)
        }
    }
}

/// Where an option's effective value came from, in order of precedence.
enum SettingSource: Equatable, Sendable {
    case flag
    case environment(String)
    case file(String)
    case `default`

    /// The config file's path, for a value from one.
    var filePath: String? {
        guard case .file(let path) = self else { return nil }
        return path
    }

    /// The trailing comment `config print` writes.
    var comment: String {
        switch self {
        case .flag: return "flag"
        case .environment(let variable): return "env \(variable)"
        case .file(let path): return "file \(path)"
        case .default: return "default"
        }
    }
}

/// One option of a command with its effective value and where that came from.
struct Setting: Equatable, Sendable {
    let option: OptionSpec
    let value: SettingValue
    let source: SettingSource
}
