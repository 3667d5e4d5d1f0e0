/// The name the binary was invoked by. Installed on PATH as `kubectl-podchaos`, it is the kubectl plugin
/// `kubectl podchaos` (kubectl runs it with that path as argv[0]), and help and usage name the command that way;
/// everything else, exit codes and the `podchaosmonkey:` prefix of errors included, is the same.
enum Invocation {
    /// The executable name kubectl's plugin discovery maps to `kubectl podchaos`.
    static let pluginExecutable = "kubectl-podchaos"

    /// The root command's name for this process.
    static let commandName = commandName(argv0: CommandLine.arguments.first ?? BuildInfo.name)

    /// `kubectl podchaos` when `argv0`'s last path component is `kubectl-podchaos`, otherwise `podchaosmonkey`.
    static func commandName(argv0: String) -> String {
        argv0.split(separator: "/").last == Substring(pluginExecutable) ? "kubectl podchaos" : BuildInfo.name
    }
}
