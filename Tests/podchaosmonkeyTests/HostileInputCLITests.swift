import Foundation
import KubeAPI
import KubeTesting
import Testing

/// Config files and flags written to hurt, given to `kill` as a user would: each stops the command before it reaches a
/// cluster, with exit 2 and one line of bounded size naming the file and key or the flag, its control characters
/// escaped. The kubeconfig does not exist, so nothing could be killed whatever the command made of the input.
@Suite("podchaosmonkey: hostile input", .dedicatedThreads, .timeLimit(.minutes(2)))
struct HostileInputCLITests {
    struct HostileCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// The config file's bytes, passed with `--config`; `FILE` in `message` stands for its path.
        var file: [UInt8]?
        var arguments: [String] = []
        /// The whole of standard error, without its newline.
        var message: String
        var testDescription: String { name }
    }

    /// Ten levels of aliases, each naming the level below ten times: 10^10 values if expanded.
    static let aliasLevels =
        ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        + (1...10).map { level in
            "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]"
        }
    static let aliasProblem = "FILE:6:45: invalid YAML: its aliases expand to more than \(YAMLAliasLimit.maxExpandedNodes) nodes"
    static let largeValue = String(repeating: "a", count: 900_000)
    static let shownValue = String(repeating: "a", count: EchoedText.shownCharacters)

    static func yaml(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let cases: [HostileCase] = [
        HostileCase(
            name: "malformed YAML", file: yaml("max-kills: 2\nnamespace: [a\n"),
            message: "FILE:3:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2)"),
        HostileCase(
            name: "a string where a number belongs", file: yaml("max-kills: two"),
            message: #"FILE: max-kills: "two" is not a valid integer"#),
        HostileCase(
            name: "a list where the mapping of keys belongs", file: yaml("- max-kills\n- 2"),
            message: "FILE: expected a mapping of flag names to values (like max-kills: 2), got a list"),
        HostileCase(
            name: "a mapping where a list belongs", file: yaml("namespace: {a: b}"),
            message: "FILE: namespace: expected a value or a list of values, got a mapping"),
        HostileCase(name: "an unknown key", file: yaml("explode: true"), message: "FILE: unknown key 'explode'"),
        HostileCase(
            name: "a number beyond Int64", file: yaml("max-kills: 99999999999999999999"),
            message: #"FILE: max-kills: "99999999999999999999" is not a valid integer"#),
        HostileCase(
            name: "a duration of 10^30 s", file: yaml("grace-period: 1000000000000000000000000000000s"),
            message: #"FILE: grace-period: invalid duration "1000000000000000000000000000000s": expected e.g. 500ms, 30s, 5m, 1h30m"#),
        HostileCase(
            name: "a 10 MB value", file: yaml("namespace: " + String(repeating: "a", count: 10_000_000)),
            message: "FILE: cannot read the config file: larger than 1 MiB, the most this file may hold"),
        HostileCase(
            name: "a 900 kB value", file: yaml("namespace: " + largeValue),
            message:
                #"FILE: namespace: invalid namespace "\#(shownValue)…"… (900000 bytes): expected a DNS label, optionally prefixed with !"#),
        HostileCase(
            name: "an alias bomb", file: yaml((aliasLevels + ["namespace: *a10"]).joined(separator: "\n")), message: aliasProblem),
        HostileCase(
            name: "an alias bomb as a key", file: yaml((aliasLevels + ["? *a10\n: 1"]).joined(separator: "\n")), message: aliasProblem),
        HostileCase(
            name: "lists nested 10,000 deep",
            file: yaml("namespace: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
            message: "FILE:1:13: invalid YAML: Maximum nesting level reached, set with yaml_set_max_nest_level()) (while parsing at line 1)"
        ),
        HostileCase(
            name: "invalid UTF-8", file: yaml("namespace: a") + [0xFF, 0xFE, 0x0A],
            message: "FILE: cannot read the config file: not UTF-8 text"),
        HostileCase(
            name: "a NUL byte", file: yaml("namespace: a") + [0x00] + yaml("b\n"),
            message: "FILE: invalid YAML: control characters are not allowed"),
        HostileCase(
            name: "an escape sequence in a value", file: yaml(#"namespace: "\e[31mred""#),
            message: #"FILE: namespace: invalid namespace "\u{1b}[31mred": expected a DNS label, optionally prefixed with !"#),
        HostileCase(
            name: "a selector of invalid syntax", arguments: ["-l", "app in (a"],
            message: #"--selector: invalid label selector "app in (a": missing ")""#),
        HostileCase(
            name: "a 100 kB flag value (Linux refuses an argument over 128 kB)", arguments: ["-n", String(repeating: "a", count: 100_000)],
            message: #"--namespace: invalid namespace "\#(shownValue)…"… (100000 bytes): expected a DNS label, optionally prefixed with !"#),
        HostileCase(
            name: "an escape sequence in a flag", arguments: ["-n", "\u{1b}[31mred\u{1b}[0m"],
            message: #"--namespace: invalid namespace "\u{1b}[31mred\u{1b}[0m": expected a DNS label, optionally prefixed with !"#),
        HostileCase(
            name: "an escape sequence in a number the argument parser refuses", arguments: ["--max-kills", "\u{1b}[31m1"],
            message: #"The value '\u{1b}[31m1' is invalid for '--max-kills <max-kills>' (see 'podchaosmonkey kill --help')"#),
        HostileCase(
            name: "a terminal title sequence in a duration", arguments: ["--grace-period", "\u{1b}]0;pwned\u{7}10s"],
            message: #"--grace-period: invalid duration "\u{1b}]0;pwned\u{7}10s": expected e.g. 500ms, 30s, 5m, 1h30m"#),
        HostileCase(
            name: "a line separator and a right-to-left override in a flag", arguments: ["-n", "a\u{2028}b\u{202E}c"],
            message: #"--namespace: invalid namespace "a\u{2028}b\u{202e}c": expected a DNS label, optionally prefixed with !"#),
        HostileCase(
            name: "an escape sequence in an unknown flag", arguments: ["--\u{1b}[2Jx"],
            message: #"Unknown option '--\u{1b}[2Jx' (see 'podchaosmonkey kill --help')"#),
    ]

    @Test(arguments: cases)
    func refused(_ testCase: HostileCase) async throws {
        var arguments = ["kill", "--kubeconfig", "/nonexistent/kubeconfig"] + testCase.arguments
        var path = ""
        if let file = testCase.file {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-hostile-\(UUID().uuidString).yaml").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(file)))
            arguments += ["--config", path]
        }
        defer { if !path.isEmpty { try? FileManager.default.removeItem(atPath: path) } }
        let result = try await CLIRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "podchaosmonkey: " + testCase.message.replacingOccurrences(of: "FILE", with: path) + "\n")
    }

    @Test("Invalid UTF-8 in an argument reaches the command as replacement characters, and is refused as any bad value")
    func invalidUTF8Argument() async throws {
        // Through a shell: Foundation passes arguments as Swift strings, which are always UTF-8.
        let result = try await CLIRunner.run(
            ["-c", #"exec "$0" kill --kubeconfig /nonexistent/kubeconfig -n "$(printf 'a\377\376')""#, CLIRunner.binary.path],
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "podchaosmonkey: --namespace: invalid namespace \"a\u{FFFD}\u{FFFD}\": expected a DNS label, optionally prefixed with !\n"
        )
    }
}
