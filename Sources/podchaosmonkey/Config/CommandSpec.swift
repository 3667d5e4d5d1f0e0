/// A command and the options a config file, the environment or the command line can set on it.
struct CommandSpec: Equatable, Sendable {
    /// Subcommand names from the root (`["kill"]`).
    let path: [String]
    let options: [OptionSpec]

    var name: String { path.joined(separator: " ") }

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}
