import ArgumentParser
import Foundation

@main
struct PodChaosMonkey: AsyncParsableCommand {
    /// Named as invoked: `kubectl podchaos` when run as the kubectl plugin, so help and usage say what to type.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Invocation.commandName,
            abstract: "Kill Kubernetes pods at random, safely, and measure how the workload recovers.",
            version: BuildInfo.version,
            subcommands: [
                ConfigCommand.self, DemoCommand.self, KillCommand.self, PlanCommand.self, RBACCommand.self, RunCommand.self,
                SandboxCommand.self, VersionCommand.self,
            ]
        )
    }

    static func main() async {
        MallocTuning.apply(environment: ProcessInfo.processInfo.environment)
        let prepared: ArgumentPreprocessor.Prepared
        do {
            prepared = try ArgumentPreprocessor.prepare(
                Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("podchaosmonkey: \(error)")
            Self.exit(withError: ExitCode(ExitStatus.usage.rawValue))
        }
        for notice in prepared.notices { printError("podchaosmonkey: \(notice)") }
        do {
            var command = try parseAsRoot(prepared.arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // The contract says usage errors exit 2; the parser's own convention is 64.
            if exitCode(for: error) == .validationFailure {
                printError(usageLine(for: error))
                Self.exit(withError: ExitCode(ExitStatus.usage.rawValue))
            }
            Self.exit(withError: error)
        }
    }

    /// The parser's error as one line, with where to read more: `podchaosmonkey: Missing value for '--count <count>'
    /// (see 'podchaosmonkey kill --help')`. The parser's own message adds the usage text and a blank line.
    static func usageLine(for error: any Error) -> String {
        let lines = fullMessage(for: error).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let message = lines.first.map { $0.hasPrefix("Error: ") ? String($0.dropFirst(7)) : $0 } ?? "invalid arguments"
        let help = lines.first { $0.hasPrefix("See '") }.flatMap { $0.split(separator: "'").dropFirst().first }
        return "podchaosmonkey: \(message)" + (help.map { " (see '\($0)')" } ?? "")
    }
}
