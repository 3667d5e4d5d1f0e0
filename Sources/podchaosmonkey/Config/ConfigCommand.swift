import ArgumentParser

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check a config file, or print the configuration a command would run with.",
        discussion: """
            Every command that takes flags also takes --config FILE (or PODCHAOSMONKEY_CONFIG=FILE): a YAML mapping \
            whose keys are the long flag names without dashes, e.g. max-kills: 2, namespace: [a, b], no-wait: true. \
            Per option, flags win over PODCHAOSMONKEY_* variables, which win over the file. See docs/config.md.
            """,
        subcommands: [ConfigValidateCommand.self, ConfigPrintCommand.self])

    /// The CLI's commands, or the one-line error that says they cannot be read (exit 2).
    static func catalog() throws -> CommandCatalog {
        do {
            return try CommandCatalog.cli()
        } catch {
            printError("podchaosmonkey: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }

    /// The command `--command` names, or a one-line usage error listing the ones that take options.
    static func command(named name: String, in catalog: CommandCatalog) throws -> CommandSpec {
        let path = name.split(separator: " ").map(String.init)
        if let command = catalog.command(at: path) { return command }
        let names = catalog.commands.map(\.name)
        let suggestion = KeySuggestion.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        printError("podchaosmonkey: --command: no command '\(name)' takes options\(suggestion); one of \(names.joined(separator: ", "))")
        throw ExitCode(ExitStatus.usage.rawValue)
    }
}
