import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version, the git revision and the build date.")

    func run() {
        print(BuildInfo.line)
    }
}
