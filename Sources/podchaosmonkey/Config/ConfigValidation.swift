import ArgumentParser

/// Every problem of a config file, checked without a command line or environment: its keys and values against the
/// parser, then the settings as a whole by the checks the command itself makes before it runs (SettingsCheck).
enum ConfigValidation {
    /// Against `command` when given (keys of other commands are errors). Otherwise each key must suit a command that
    /// takes it, and the file must pass the checks of the commands it is for: any one of those that take all its
    /// keys, or, when no command takes them all, each command that takes some of them.
    static func problems(
        in document: ConfigDocument, catalog: CommandCatalog, command: CommandSpec?, check: ParserValueCheck = .cli
    ) -> [SettingError] {
        if let command {
            let effective = EffectiveConfiguration.resolve(
                command: command, catalog: catalog, commandLine: [], environment: [:], file: document, strict: true, check: check)
            guard effective.errors.isEmpty else { return effective.errors }
            return verdict(on: effective, root: check.root).refusal.map { [$0] } ?? []
        }
        let problems = keyProblems(in: document, catalog: catalog, check: check)
        guard problems.isEmpty else { return problems }
        let keys = document.entries.map(\.key)
        let takers = catalog.commands.filter { command in keys.contains { command.option(named: $0) != nil } }
        let fits = takers.filter { command in keys.allSatisfy { command.option(named: $0) != nil } }
        // Commands that make no checks of their own (rbac prints manifests with run's flags) have no say.
        let verdicts = (fits.isEmpty ? takers : fits).map { command in
            verdict(
                on: EffectiveConfiguration.resolve(
                    command: command, catalog: catalog, commandLine: [], environment: [:], file: document, check: check),
                root: check.root)
        }
        let refusals = verdicts.compactMap(\.refusal)
        if !fits.isEmpty {
            // Any one of them may take the file; the first one's complaint says what to fix.
            return verdicts.contains(.accepted) ? [] : Array(refusals.prefix(1))
        }
        var seen: Set<String> = []
        return refusals.filter { seen.insert($0.description).inserted }
    }

    enum Verdict: Equatable {
        /// The command makes no checks of its settings beyond the parser's.
        case unchecked
        case accepted
        case refused(SettingError)

        var refusal: SettingError? {
            guard case .refused(let error) = self else { return nil }
            return error
        }
    }

    /// What `effective.command` says when run with these settings, in the words a run would print.
    static func verdict(on effective: EffectiveConfiguration, root: any ParsableCommand.Type) -> Verdict {
        guard let path = effective.settings.lazy.compactMap(\.source.filePath).first else { return .unchecked }
        SettingOrigins.record(effective)
        let parsed: any ParsableCommand
        do {
            parsed = try root.parseAsRoot(effective.command.path + effective.addedArguments)
        } catch {
            return .refused(.refused(path, message: SettingOrigins.attribute(root.message(for: error))))
        }
        guard let checked = parsed as? any SettingsCheck else { return .unchecked }
        do {
            try checked.checkSettings()
            return .accepted
        } catch {
            return .refused(.refused(path, message: SettingOrigins.attribute(CLIError.from(error).message)))
        }
    }

    /// Each key must be an option of some command, with a value one of the commands that take it accepts.
    private static func keyProblems(in document: ConfigDocument, catalog: CommandCatalog, check: ParserValueCheck) -> [SettingError] {
        var problems = document.problems
        for entry in document.entries {
            let commands = catalog.commands(declaring: entry.key)
            guard !commands.isEmpty else {
                problems.append(
                    .unknownKey(document.path, key: entry.key, suggestion: KeySuggestion.closest(to: entry.key, among: catalog.allKeys)))
                continue
            }
            var firstProblems: [SettingError]?
            for command in commands {
                guard let option = command.option(named: entry.key) else { continue }
                switch SettingReader.value(of: entry, option: option, command: command, file: document.path, check: check) {
                case .success: firstProblems = []
                case .failure(let failure): firstProblems = firstProblems ?? failure.errors
                }
                if firstProblems?.isEmpty == true { break }
            }
            problems += firstProblems ?? []
        }
        return problems
    }
}
