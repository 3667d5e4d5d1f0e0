/// Which options a command line sets and to what, read the way the parser reads them (`--name value`,
/// `--name=value`, `-n value`, `-Ab`, inverted flags), so settings from elsewhere give way option by option.
/// It runs on command lines the parser will judge anyway, so it only needs to understand the valid ones.
enum CommandLineScan {
    /// `arguments` are the ones after the subcommand names.
    static func settings(_ arguments: [String], command: CommandSpec) -> [String: SettingValue] {
        var byLong: [String: (OptionSpec, Bool)] = [:]
        var byShort: [Character: OptionSpec] = [:]
        for option in command.options {
            byLong[option.name] = (option, true)
            if let inverse = option.inverse { byLong[inverse] = (option, false) }
            for short in option.shortNames { byShort[short] = option }
        }
        var found: [String: SettingValue] = [:]
        // Repeated values are collected apart and appended in place, so n values cost n appends, not n copies.
        var lists: [String: [String]] = [:]
        func record(_ option: OptionSpec, enabled: Bool = true, value: String? = nil) {
            switch (option.kind, found[option.name]) {
            case (.flag, _): found[option.name] = .flag(enabled)
            case (.counter, .count(let count)?): found[option.name] = .count(count + 1)
            case (.counter, _): found[option.name] = .count(1)
            case (.option, _): found[option.name] = .single(value ?? "")
            case (.repeatable, _): lists[option.name, default: []].append(value ?? "")
            }
        }
        var index = 0
        func takesValue(_ option: OptionSpec) -> Bool { option.kind == .option || option.kind == .repeatable }
        func nextValue() -> String? {
            guard index + 1 < arguments.count else { return nil }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument.hasPrefix("--") {
                let parts = argument.dropFirst(2).split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if let (option, enabled) = byLong[String(parts[0])] {
                    if takesValue(option) {
                        record(option, value: parts.count > 1 ? String(parts[1]) : nextValue())
                    } else {
                        record(option, enabled: enabled)
                    }
                }
            } else if argument.hasPrefix("-"), argument.count > 1 {
                let letters = Array(argument.dropFirst())
                for (position, letter) in letters.enumerated() {
                    guard let option = byShort[letter] else { break }
                    guard takesValue(option) else {
                        record(option)
                        continue
                    }
                    let rest = String(letters[(position + 1)...])
                    record(option, value: rest.isEmpty ? nextValue() : rest.hasPrefix("=") ? String(rest.dropFirst()) : rest)
                    break
                }
            }
            index += 1
        }
        for (name, values) in lists { found[name] = .list(values) }
        return found
    }
}
