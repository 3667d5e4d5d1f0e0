import Foundation

/// Adjusts the command line before parsing: a bare `--dry-run` means `--dry-run=client` (as in kubectl), a bare
/// `--leader-elect` means `--leader-elect=true` (client-go's spelling), and every
/// option can also come from the environment as `PODCHAOSMONKEY_<FLAG>` (`--max-kills` ← `PODCHAOSMONKEY_MAX_KILLS`)
/// or from a config file given by `--config FILE` or `PODCHAOSMONKEY_CONFIG`. Per option, the command line wins over
/// the environment, which wins over the file (see EffectiveConfiguration and docs/config.md).
enum ArgumentPreprocessor {
    struct Prepared: Equatable {
        var arguments: [String]
        /// Lines for stderr: file keys ignored because they belong to other commands.
        var notices: [String] = []
    }

    static let configVariable = "PODCHAOSMONKEY_CONFIG"

    /// Options that may be given without their value, and the value that means.
    static let bareOptions = ["--dry-run": "client", "--leader-elect": "true"]

    /// `catalog` is built only when `mayChange` says the environment, a config file or a negative value may change the
    /// command line: building it costs more than `version` or `--help` themselves. Throws a `SettingError`, or the
    /// `CommandCatalogError` of a catalog that cannot be built.
    static func prepare(
        _ arguments: [String], environment: [String: String],
        catalog: @autoclosure () throws(CommandCatalogError) -> CommandCatalog = try .cli(), check: ParserValueCheck = .cli
    ) throws -> Prepared {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if let value = bareOptions[argument], index + 1 >= arguments.count || arguments[index + 1].hasPrefix("-") {
                out.append("\(argument)=\(value)")
            } else {
                out.append(argument)
            }
            index += 1
        }
        guard mayChange(out, environment: environment) else { return Prepared(arguments: out) }
        let catalog = try catalog()
        let path = catalog.commandPath(in: out)
        // `config print` and `config validate` read the environment and the file themselves; help and version take none.
        guard let command = catalog.command(at: path) else { return Prepared(arguments: out) }
        var rest = joiningNegativeNumbers(Array(out.dropFirst(path.count)), command: command)
        let configPath = ConfigFlag.extract(from: &rest) ?? environment[configVariable].flatMap { $0.isEmpty ? nil : $0 }
        let document = try configPath.map { path throws(SettingError) in try ConfigDocument.load(path: path) }
        let effective = EffectiveConfiguration.resolve(
            command: command, catalog: catalog, commandLine: rest, environment: environment, file: document, check: check)
        if let error = effective.errors.first { throw error }
        SettingOrigins.record(effective)
        var added = effective.addedArguments
        // The parser knows --config where a command declares it (GlobalOptions, for its help); it is read here.
        if let configPath, catalog.declaresConfig(command.path) { added.append("--config=\(configPath)") }
        // Before a `--` terminator, after which everything is a positional argument.
        let terminator = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: added, at: terminator)
        var notices: [String] = []
        if let document, !effective.ignoredKeys.isEmpty {
            notices.append(
                "\(document.path): ignoring keys \(command.name) does not take: "
                    + effective.ignoredKeys.map { "\($0.key) (\($0.commands.joined(separator: ", ")))" }.joined(separator: ", "))
        }
        return Prepared(arguments: path + rest, notices: notices)
    }

    /// Whether the rest of `prepare` can change `arguments`: only a `PODCHAOSMONKEY_*` variable, or before a `--`
    /// terminator a `--config` option or a negative-looking value after a long option, can. A cheap over-approximation
    /// (it does not know which commands and options exist), so that when it says no, the command line is already what
    /// the parser gets.
    static func mayChange(_ arguments: [String], environment: [String: String]) -> Bool {
        let options = arguments.prefix { $0 != "--" }
        return environment.keys.contains { $0.hasPrefix(OptionSpec.environmentPrefix) }
            || options.contains { $0 == ConfigFlag.name || $0.hasPrefix(ConfigFlag.name + "=") }
            || zip(options, options.dropFirst()).contains { $0.hasPrefix("--") && !$0.contains("=") && looksNegative($1) }
    }

    /// `--count -1` becomes `--count=-1`: the parser would read `-1` as an unknown flag and answer "Missing value",
    /// where the option's own check names the flag and the value. Only options that take a value, and only values
    /// that start like a negative number or duration (`-1`, `-0.5`, `-5s`): no flag starts with a digit.
    static func joiningNegativeNumbers(_ arguments: [String], command: CommandSpec) -> [String] {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                out += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
                let option = command.option(named: String(argument.dropFirst(2))), option.kind == .option || option.kind == .repeatable,
                looksNegative(arguments[index + 1])
            {
                out.append("\(argument)=\(arguments[index + 1])")
                index += 2
                continue
            }
            out.append(argument)
            index += 1
        }
        return out
    }

    private static func looksNegative(_ text: String) -> Bool {
        let rest = text.dropFirst()
        return text.hasPrefix("-") && (rest.first?.isNumber == true || (rest.first == "." && rest.dropFirst().first?.isNumber == true))
    }
}
