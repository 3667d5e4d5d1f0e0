import ArgumentParser
import Foundation

/// The options each subcommand accepts, read from the parser's own description of the command (its help dump),
/// so the environment mapping can never drift from the flags the parser knows.
enum EnvironmentFlags {
    enum Kind: Equatable {
        case flag
        case option
        case repeatable
    }

    /// Flag kinds of the subcommand named first in `arguments` (none when there is no subcommand).
    static func kinds(for arguments: [String]) -> [String: Kind] {
        let commands = PodChaosMonkey.configuration.subcommands
        guard let name = arguments.first(where: { !$0.hasPrefix("-") }),
            let command = commands.first(where: { $0._commandName == name })
        else { return [:] }
        return kinds(helpDump: command._dumpHelp())
    }

    private struct Dump: Decodable {
        struct Command: Decodable { let arguments: [Argument]? }
        struct Argument: Decodable {
            struct Name: Decodable {
                let kind: String
                let name: String
            }
            let kind: String
            let isRepeating: Bool?
            let names: [Name]?
        }
        let command: Command
    }

    static func kinds(helpDump: String) -> [String: Kind] {
        guard let dump = try? JSONDecoder().decode(Dump.self, from: Data(helpDump.utf8)) else { return [:] }
        var result: [String: Kind] = [:]
        for argument in dump.command.arguments ?? [] {
            guard let long = argument.names?.first(where: { $0.kind == "long" })?.name else { continue }
            switch argument.kind {
            case "flag": result["--" + long] = .flag
            case "option": result["--" + long] = argument.isRepeating == true ? .repeatable : .option
            default: continue
            }
        }
        result["--help"] = nil
        result["--version"] = nil
        return result
    }
}
