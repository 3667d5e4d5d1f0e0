import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print version information.")

    func run() {
        print("podchaosmonkey \(BuildInfo.version)")
    }
}
