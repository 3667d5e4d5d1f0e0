/// Turns a config file entry or an environment variable into an option's value, checking its shape against the
/// option's kind and its text with the parser.
enum SettingReader {
    struct Problems: Error {
        let errors: [SettingError]
    }

    /// The value `entry` gives `option`; nil when it leaves the option unset (`key: null`).
    static func value(
        of entry: ConfigDocument.Entry, option: OptionSpec, command: CommandSpec, file: String, check: ParserValueCheck
    ) -> Result<SettingValue?, Problems> {
        let key = entry.key
        switch (option.kind, entry.value) {
        case (_, .null):
            return .success(nil)
        case (_, .malformed(let problems)):
            return .failure(Problems(errors: problems))
        case (.flag, .scalar(let text)):
            guard let enabled = boolean(text) else { return fail(.notABoolean(file, keyPath: key, value: text)) }
            return .success(.flag(enabled))
        case (.counter, .scalar(let text)):
            if let count = Int(text), count >= 0 { return .success(.count(count)) }
            if let enabled = boolean(text) { return .success(.count(enabled ? 1 : 0)) }
            return fail(.invalidValue(file, keyPath: key, problem: "\(EchoedValue.quoted(text)) is not a count or true/false"))
        case (.flag, .list), (.counter, .list):
            return fail(.wrongShape(file, keyPath: key, expected: "true or false", found: "a list"))
        case (.option, .list):
            return fail(.wrongShape(file, keyPath: key, expected: "a single value", found: "a list"))
        case (.option, .scalar(let text)):
            if let problem = check.problem(command: command, option: option, value: text) {
                // `leader-elect: yes` for a Bool option: YAML's Bool words mean what they say in a YAML file.
                if let enabled = boolean(text), check.problem(command: command, option: option, value: String(enabled)) == nil {
                    return .success(.single(String(enabled)))
                }
                return fail(.invalidValue(file, keyPath: key, problem: problem))
            }
            return .success(.single(text))
        case (.repeatable, .scalar(let text)):
            return checked([text], key: key, listed: false, file: file, option: option, command: command, check: check)
        case (.repeatable, .list(let items)):
            return checked(items, key: key, listed: true, file: file, option: option, command: command, check: check)
        }
    }

    /// The value a `PODCHAOSMONKEY_*` variable gives `option`: a Bool for flags, a comma-separated list for
    /// repeatable options.
    static func value(ofEnvironment text: String, option: OptionSpec, command: CommandSpec, check: ParserValueCheck)
        -> Result<SettingValue, Problems>
    {
        let variable = option.environmentVariable
        switch option.kind {
        case .flag:
            guard let enabled = boolean(text) else {
                return .failure(Problems(errors: [.notABoolean(variable, keyPath: nil, value: text)]))
            }
            return .success(.flag(enabled))
        case .counter:
            if let count = Int(text), count >= 0 { return .success(.count(count)) }
            if let enabled = boolean(text) { return .success(.count(enabled ? 1 : 0)) }
            return .failure(
                Problems(errors: [
                    .invalidValue(variable, keyPath: nil, problem: "\(EchoedValue.quoted(text)) is not a count or true/false")
                ]))
        case .option:
            if let problem = check.problem(command: command, option: option, value: text) {
                return .failure(Problems(errors: [.invalidValue(variable, keyPath: nil, problem: problem)]))
            }
            return .success(.single(text))
        case .repeatable:
            let items = text.split(separator: ",").map(String.init)
            let errors = problems(items, keyPath: { _ in nil }, culprit: variable, option: option, command: command, check: check)
            return errors.isEmpty ? .success(.list(items)) : .failure(Problems(errors: errors))
        }
    }

    /// YAML's and the environment's ways of saying yes and no.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "y", "1": return true
        case "false", "no", "off", "n", "0", "": return false
        default: return nil
        }
    }

    /// Bad values of one list reported at most; a list of thousands of bad values makes a screenful, not thousands.
    static let reportedProblemsPerList = 10

    private static func checked(
        _ items: [String], key: String, listed: Bool, file: String, option: OptionSpec, command: CommandSpec, check: ParserValueCheck
    ) -> Result<SettingValue?, Problems> {
        let errors = problems(
            items, keyPath: { listed ? "\(key)[\($0)]" : key }, culprit: file, option: option, command: command, check: check)
        return errors.isEmpty ? .success(.list(items)) : .failure(Problems(errors: errors))
    }

    /// The list's bad values, checked by the parser all at once (see ParserValueCheck), the first few of them named.
    private static func problems(
        _ items: [String], keyPath: (Int) -> String?, culprit: String, option: OptionSpec, command: CommandSpec,
        check: ParserValueCheck
    ) -> [SettingError] {
        let limit = reportedProblemsPerList
        let found = check.problems(command: command, option: option, values: items, limit: limit + 1)
        var errors = found.prefix(limit).map { SettingError.invalidValue(culprit, keyPath: keyPath($0.index), problem: $0.problem) }
        if found.count > limit {
            errors.append(
                .invalidValue(culprit, keyPath: keyPath(found[limit].index), problem: "and more bad values; the first \(limit) are listed"))
        }
        return errors
    }

    private static func fail(_ error: SettingError) -> Result<SettingValue?, Problems> { .failure(Problems(errors: [error])) }
}
