import Foundation

/// Every command and its options, read from the parser's own description of the command tree (its help dump), so
/// config keys and environment variables can never drift from the flags the parser knows — a new command's flags
/// are config keys the moment it is registered as a subcommand.
struct CommandCatalog: Sendable {
    /// Commands with at least one option that settings apply to, in declaration order.
    let commands: [CommandSpec]
    /// Every command path, with or without options, to find where the subcommand names end on a command line.
    private let paths: Set<[String]>
    /// Commands that declare `--config` themselves (for their help); the preprocessor reads it for all of them.
    private let configDeclared: Set<[String]>

    /// Options that configure the tool itself rather than a run: never config keys.
    static let reservedNames: Set<String> = ["help", "version", "config", "experimental-dump-help", "generate-completion-script"]
    /// Commands whose options are not settings: `config` describes settings, `help` prints help, `version` prints
    /// the same whatever the environment says (a `PODCHAOSMONKEY_OUTPUT` meant for `plan` leaves it alone).
    static let unconfigurableCommands: Set<String> = ["config", "help", "version"]

    /// The CLI's own commands, read from its parser once. Throws when the parser's help dump cannot be read: then no
    /// config key or `PODCHAOSMONKEY_*` variable could be applied, and a command must not run without them.
    static func cli() throws(CommandCatalogError) -> CommandCatalog { try cliResult.get() }

    private static let cliResult = Result { () throws(CommandCatalogError) in try CommandCatalog(helpDump: PodChaosMonkey._dumpHelp()) }

    init(commands: [CommandSpec], paths: Set<[String]> = [], configDeclared: Set<[String]> = []) {
        self.commands = commands
        self.paths = paths.union(commands.map(\.path))
        self.configDeclared = configDeclared
    }

    init(helpDump: String) throws(CommandCatalogError) {
        let dump: HelpDump
        do {
            dump = try JSONDecoder().decode(HelpDump.self, from: Data(helpDump.utf8))
        } catch {
            throw CommandCatalogError(decoding: error)
        }
        var commands: [CommandSpec] = []
        var paths: Set<[String]> = []
        var configDeclared: Set<[String]> = []
        func visit(_ command: HelpDump.Command, path: [String]) {
            paths.insert(path)
            let longNames = (command.arguments ?? []).flatMap { $0.names ?? [] }.filter { $0.kind == "long" }.map(\.name)
            if longNames.contains("config") { configDeclared.insert(path) }
            if !path.isEmpty {
                let options = Self.options(of: command.arguments ?? [])
                if !options.isEmpty { commands.append(CommandSpec(path: path, options: options)) }
            }
            for subcommand in command.subcommands ?? [] where !Self.unconfigurableCommands.contains(subcommand.commandName) {
                visit(subcommand, path: path + [subcommand.commandName])
            }
        }
        visit(dump.command, path: [])
        self.init(commands: commands, paths: paths, configDeclared: configDeclared)
    }

    func command(at path: [String]) -> CommandSpec? { commands.first { $0.path == path } }

    func declaresConfig(_ path: [String]) -> Bool { configDeclared.contains(path) }

    /// The command a command line invokes: its leading subcommand names. `kill -n demo` → `["kill"]`.
    func commandPath(in arguments: [String]) -> [String] {
        var path: [String] = []
        for argument in arguments {
            guard paths.contains(path + [argument]) else { break }
            path.append(argument)
        }
        return path
    }

    /// The commands that take `key` as an option.
    func commands(declaring key: String) -> [CommandSpec] { commands.filter { $0.option(named: key) != nil } }

    /// Every config key some command takes, in declaration order.
    var allKeys: [String] {
        var seen: Set<String> = []
        return commands.flatMap(\.options).map(\.name).filter { seen.insert($0).inserted }
    }

    private static func options(of arguments: [HelpDump.Argument]) -> [OptionSpec] {
        let longNames = arguments.map { $0.names?.first(where: { $0.kind == "long" })?.name }
        let flagNames = Set(zip(arguments, longNames).compactMap { $0.kind == "flag" ? $1 : nil })
        // An inverted flag is two arguments to the parser (`--x`, `--no-x`); to a config file it is one Bool key.
        func inverse(of name: String) -> String? {
            let candidates = ["no-" + name] + (name.hasPrefix("enable-") ? ["disable-" + name.dropFirst("enable-".count)] : [])
            return candidates.first(where: flagNames.contains)
        }
        let inverses = Set(flagNames.compactMap(inverse(of:)))
        var options: [OptionSpec] = []
        for (argument, long) in zip(arguments, longNames) {
            guard let long, !reservedNames.contains(long), !inverses.contains(long) else { continue }
            let shorts = (argument.names ?? []).filter { $0.kind == "short" }.compactMap(\.name.first)
            let kind: OptionSpec.Kind
            switch argument.kind {
            case "flag": kind = argument.isRepeating == true ? .counter : .flag
            case "option": kind = argument.isRepeating == true ? .repeatable : .option
            default: continue
            }
            options.append(
                OptionSpec(
                    name: long, kind: kind, shortNames: shorts, inverse: kind == .flag ? inverse(of: long) : nil,
                    defaultValue: argument.defaultValue, allValues: argument.allValues ?? []))
        }
        return options
    }

    /// The parts of the parser's help dump (ArgumentParserToolInfo's schema) that describe options.
    private struct HelpDump: Decodable {
        struct Command: Decodable {
            let commandName: String
            let subcommands: [Command]?
            let arguments: [Argument]?
        }
        struct Argument: Decodable {
            struct Name: Decodable {
                let kind: String
                let name: String
            }
            let kind: String
            let isRepeating: Bool?
            let names: [Name]?
            let defaultValue: String?
            let allValues: [String]?
        }
        let command: Command
    }
}
