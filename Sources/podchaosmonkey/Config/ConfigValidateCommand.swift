import ArgumentParser

struct ConfigValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config file's keys and values; print FILE: ok, or every problem, one per line (exit 2).")

    @Argument(help: "The config file.")
    var file: String

    @Option(
        help:
            "Check against this command (kill, plan, run, …): every key must be one of its flags. Default: each key must be a flag of some command."
    )
    var command: String?

    func run() throws {
        let catalog = CommandCatalog.cli
        let target = try command.map { try ConfigCommand.command(named: $0, in: catalog) }
        let problems: [SettingError]
        do {
            problems = ConfigValidation.problems(in: try ConfigDocument.load(path: file), catalog: catalog, command: target)
        } catch {
            problems = [error]
        }
        guard problems.isEmpty else {
            for problem in problems { printError("\(problem)") }
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        print("\(file): ok")
    }
}

/// Every problem of a config file, checked without a command line or environment.
enum ConfigValidation {
    /// Against `command` when given (keys of other commands are errors); otherwise each key must suit a command
    /// that takes it.
    static func problems(
        in document: ConfigDocument, catalog: CommandCatalog, command: CommandSpec?, check: ParserValueCheck = .cli
    ) -> [SettingError] {
        if let command {
            return EffectiveConfiguration.resolve(
                command: command, catalog: catalog, commandLine: [], environment: [:], file: document, strict: true, check: check
            ).errors
        }
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
