/// Every option of one command with the value it takes and where that came from: the command line wins over
/// `PODCHAOSMONKEY_*` variables, which win over the config file, which wins over the parser's defaults — option by
/// option. The command line itself is left to the parser; this decides what the other sources add to it.
struct EffectiveConfiguration: Equatable, Sendable {
    let command: CommandSpec
    /// One per option of the command, in the order the command declares them.
    let settings: [Setting]
    /// File keys that are options of other commands, not this one, with those commands (`cron` → `["run"]`).
    let ignoredKeys: [(key: String, commands: [String])]
    /// Every problem with the environment's and the file's settings, in the order they appear.
    let errors: [SettingError]

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.command == rhs.command && lhs.settings == rhs.settings && lhs.errors == rhs.errors
            && lhs.ignoredKeys.map(\.key) == rhs.ignoredKeys.map(\.key)
    }

    /// Arguments that give the parser the environment's and the file's settings; append them to the command line.
    var addedArguments: [String] {
        settings.flatMap { setting -> [String] in
            switch setting.source {
            case .flag, .default: return []
            case .environment, .file: return setting.value.arguments(for: setting.option)
            }
        }
    }

    /// Merges the sources for `command`. `commandLine` is what follows the subcommand names. With `strict`, file keys
    /// of other commands are errors rather than ignored.
    static func resolve(
        command: CommandSpec, catalog: CommandCatalog, commandLine: [String], environment: [String: String],
        file: ConfigDocument?, strict: Bool = false, check: ParserValueCheck = .cli
    ) -> EffectiveConfiguration {
        let given = CommandLineScan.settings(commandLine, command: command)
        var errors: [SettingError] = []
        var fileValues: [String: SettingValue] = [:]
        var ignored: [(key: String, commands: [String])] = []
        if let file {
            errors += file.problems
            for entry in file.entries {
                guard let option = command.option(named: entry.key) else {
                    let others = catalog.commands(declaring: entry.key).map(\.name)
                    if others.isEmpty {
                        errors.append(
                            .unknownKey(file.path, key: entry.key, suggestion: KeySuggestion.closest(to: entry.key, among: catalog.allKeys))
                        )
                    } else if strict {
                        errors.append(.otherCommand(file.path, key: entry.key, commands: others, command: command.name))
                    } else {
                        ignored.append((entry.key, others))
                    }
                    continue
                }
                switch SettingReader.value(of: entry, option: option, command: command, file: file.path, check: check) {
                case .success(let value?): fileValues[option.name] = value
                case .success(nil): continue
                case .failure(let problems): errors += problems.errors
                }
            }
        }
        var settings: [Setting] = []
        for option in command.options {
            if let value = given[option.name] {
                settings.append(Setting(option: option, value: value, source: .flag))
            } else if let text = environment[option.environmentVariable] {
                switch SettingReader.value(ofEnvironment: text, option: option, command: command, check: check) {
                case .success(let value):
                    settings.append(Setting(option: option, value: value, source: .environment(option.environmentVariable)))
                case .failure(let problems):
                    errors += problems.errors
                    settings.append(Setting(option: option, value: option.defaultSetting, source: .default))
                }
            } else if let value = fileValues[option.name], let path = file?.path {
                settings.append(Setting(option: option, value: value, source: .file(path)))
            } else {
                settings.append(Setting(option: option, value: option.defaultSetting, source: .default))
            }
        }
        return EffectiveConfiguration(command: command, settings: settings, ignoredKeys: ignored, errors: errors)
    }
}
