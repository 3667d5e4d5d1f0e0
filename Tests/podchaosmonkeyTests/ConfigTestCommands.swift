import ArgumentParser

@testable import podchaosmonkey

/// A command tree the config layer has never seen, shaped like the `run` daemon's flags: the config file, the
/// environment and `config print` must handle its options with no code of their own.
struct ConfigTestRoot: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tool", subcommands: [Daemon.self, Other.self])

    struct Daemon: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "daemon")

        @Option(help: "Cron expression.") var cron: String?
        @Option var jitter: Double = 0
        @Option var maxKillsPerHour: UInt64?
        @Option var webhook: [String] = []
        @Option var ports: [Int] = []
        @Option var webhookTemplate: String?
        @Option(name: [.short, .long]) var namespace: [String] = []
        @Flag(inversion: .prefixedNo) var leaderElect = true
        @Flag(name: [.short, .long]) var verbose: Int
        @Flag var once = false
        @Option var dryRunOnly: Bool = false
        @Option var mode: Mode = .evict
        @Option(transform: ConfigTestRoot.seconds) var timeout: Int = 5
        @Argument var extra: [String] = []
    }

    struct Other: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "other")

        @Option var port: Int = 8080
        @Option var cron: Int?
    }

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case evict, delete
    }

    struct InvalidSeconds: Error, CustomStringConvertible {
        let description = "expected a number of seconds followed by s"
    }

    /// A parser whose error says what is wrong with the value.
    static func seconds(_ text: String) throws -> Int {
        guard text.hasSuffix("s"), let seconds = Int(text.dropLast()) else { throw InvalidSeconds() }
        return seconds
    }

    static let catalog = try! CommandCatalog(helpDump: _dumpHelp())
    static let check = ParserValueCheck(root: ConfigTestRoot.self)
    static var daemon: CommandSpec { catalog.command(at: ["daemon"])! }
}
