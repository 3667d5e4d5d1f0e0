import ArgumentParser
import Foundation

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version, the git revision and the build date.",
        discussion: """
            -o json prints one line, an object with the keys name, version, revision and buildDate. \
            The version is a semantic version; CHANGELOG.md says what each one changed.
            """)

    /// How `version` prints: the one line, or the JSON object scripts read.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(name: [.short, .long], help: "text (one line) or json.")
    var output: Format = .text

    func run() throws {
        switch output {
        case .text: print(BuildInfo.line)
        case .json: print(try BuildInfo.json())
        }
    }
}
