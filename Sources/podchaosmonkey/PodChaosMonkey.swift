import ArgumentParser
import Foundation

@main
struct PodChaosMonkey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podchaosmonkey",
        abstract: "Kill Kubernetes pods at random, safely, and measure how the workload recovers.",
        version: BuildInfo.version,
        subcommands: [
            DemoCommand.self, KillCommand.self, PlanCommand.self, RBACCommand.self, SandboxCommand.self, VersionCommand.self,
        ]
    )

    static func main() async {
        let arguments = ArgumentPreprocessor.prepare(
            Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot(arguments)
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
