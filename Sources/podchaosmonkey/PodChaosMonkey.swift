import ArgumentParser

@main
struct PodChaosMonkey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podchaosmonkey",
        abstract: "Kill Kubernetes pods at random, safely, and measure how the workload recovers.",
        version: BuildInfo.version,
        subcommands: [VersionCommand.self, SandboxCommand.self]
    )
}
