import ArgumentParser
import Foundation

struct ConfigPrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print every option of a command with the value it would run with and where that comes from.",
        discussion: """
            The output is a config file that --config reads back. Secret-looking values (webhook URLs, tokens) are \
            written as comments.
            """)

    @Option(help: "The command whose configuration to print (kill, plan, run, …).")
    var command: String = "kill"

    @Option(help: ArgumentHelp("Config file (default: PODCHAOSMONKEY_CONFIG).", valueName: "file"))
    var config: String?

    @Argument(parsing: .allUnrecognized, help: "Flags of that command, as you would give them to it.")
    var flags: [String] = []

    func run() throws {
        let catalog = try ConfigCommand.catalog()
        let target = try ConfigCommand.command(named: command, in: catalog)
        let environment = ProcessInfo.processInfo.environment
        let path = config ?? environment[ArgumentPreprocessor.configVariable].flatMap { $0.isEmpty ? nil : $0 }
        let effective: EffectiveConfiguration
        do {
            let document = try path.map { path throws(SettingError) in try ConfigDocument.load(path: path) }
            effective = EffectiveConfiguration.resolve(
                command: target, catalog: catalog, commandLine: flags, environment: environment, file: document)
        } catch {
            printError("podchaosmonkey: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        guard effective.errors.isEmpty else {
            for error in effective.errors { printError("podchaosmonkey: \(error)") }
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        // The flags themselves are the parser's to judge, exactly as the command would.
        do {
            _ = try PodChaosMonkey.parseAsRoot(target.path + flags + effective.addedArguments)
        } catch {
            printError("podchaosmonkey: \(PodChaosMonkey.message(for: error))")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        print(ConfigRenderer.render(effective))
    }
}
