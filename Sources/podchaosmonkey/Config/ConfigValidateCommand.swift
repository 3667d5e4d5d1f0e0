import ArgumentParser

struct ConfigValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config file's keys and values; print FILE: ok, or every problem, one per line (exit 2).",
        discussion: "Values are checked as the command checks them before it runs: schedules, durations, webhook URLs, …")

    @Argument(help: "The config file.")
    var file: String

    @Option(
        help:
            "Check against this command (kill, plan, run, …): every key must be one of its flags. Default: each key must be a flag of some command."
    )
    var command: String?

    func run() throws {
        let catalog = try ConfigCommand.catalog()
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
