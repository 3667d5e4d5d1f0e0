import Synchronization

/// Where the values the parser got from the environment and the config file came from, so a command's own
/// complaint about a flag (`--percent: must be at most 100`) names the file and key (`chaos.yaml: percent: …`) or the
/// variable the user actually wrote.
enum SettingOrigins {
    private static let origins = Mutex<[String: String]>([:])

    /// Records the file and environment settings of this run; set once, before the command runs.
    static func record(_ configuration: EffectiveConfiguration) {
        var recorded: [String: String] = [:]
        for setting in configuration.settings {
            switch setting.source {
            case .environment(let variable): recorded["--" + setting.option.name] = variable
            case .file(let path): recorded["--" + setting.option.name] = "\(path): \(setting.option.name)"
            case .flag, .default: continue
            }
        }
        origins.withLock { $0 = recorded }
    }

    /// `message` with a leading `--flag:` (or `--flag env:NAME: …`, `--flag file:PATH: …`, which quote the value)
    /// replaced by where that flag's value came from, when not the command line.
    static func attribute(_ message: String) -> String {
        guard message.hasPrefix("--"), let end = message.firstIndex(where: { $0 == ":" || $0 == " " }) else { return message }
        let rest = message[end...]
        guard rest.hasPrefix(":") || rest.hasPrefix(" env:") || rest.hasPrefix(" file:") else { return message }
        guard let origin = origins.withLock({ $0[String(message[..<end])] }) else { return message }
        return origin + rest
    }
}
