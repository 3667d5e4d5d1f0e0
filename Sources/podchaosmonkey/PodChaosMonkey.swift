import ArgumentParser
import Foundation

@main
struct PodChaosMonkey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podchaosmonkey",
        abstract: "Kill Kubernetes pods at random, safely, and measure how the workload recovers.",
        version: BuildInfo.version,
        subcommands: [
            ConfigCommand.self, DemoCommand.self, KillCommand.self, PlanCommand.self, RBACCommand.self, RunCommand.self,
            SandboxCommand.self, VersionCommand.self,
        ]
    )

    static func main() async {
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
                printError(fullMessage(for: error))
                Self.exit(withError: ExitCode(ExitStatus.usage.rawValue))
            }
            Self.exit(withError: error)
        }
    }
}
