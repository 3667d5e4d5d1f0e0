/// `config print`'s output: every option of a command as a config file that `--config` reads back, each line
/// followed by where its value came from. Secret values are written as comments, so the output can be shared and
/// fed back without carrying them (their source still supplies them).
enum ConfigRenderer {
    static let redacted = "<redacted>"

    static func render(_ configuration: EffectiveConfiguration) -> String {
        let command = configuration.command.name
        var lines = [
            "# podchaosmonkey \(command): effective configuration",
            "# precedence: flags > PODCHAOSMONKEY_* environment > config file > defaults",
        ]
        let entries = configuration.settings.map { setting -> (text: String, comment: String) in
            if SecretRedaction.isSecret(setting) {
                return ("# \(setting.option.name): \(redacted)", setting.source.comment + ", redacted")
            }
            return ("\(setting.option.name): \(yaml(setting.value, option: setting.option))", setting.source.comment)
        }
        let width = min(entries.map(\.text.count).max() ?? 0, 48)
        for entry in entries {
            let padding = String(repeating: " ", count: max(width - entry.text.count, 0))
            lines.append("\(entry.text)\(padding)  # \(entry.comment)")
        }
        if !configuration.ignoredKeys.isEmpty {
            lines.append(
                "# ignored, options of other commands: "
                    + configuration.ignoredKeys.map { "\($0.key) (\($0.commands.joined(separator: ", ")))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// The value as YAML that reads back to the same setting.
    static func yaml(_ value: SettingValue, option: OptionSpec) -> String {
        switch value {
        case .unset: return option.kind == .repeatable ? "[]" : "null"
        case .flag(let enabled): return enabled ? "true" : "false"
        case .count(let count): return String(count)
        case .single(let text): return YAMLText.scalar(text)
        case .list(let items): return "[" + items.map(YAMLText.scalar).joined(separator: ", ") + "]"
        }
    }
}
