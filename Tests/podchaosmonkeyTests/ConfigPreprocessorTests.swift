import Foundation
import Testing

@testable import podchaosmonkey

/// `--config` and PODCHAOSMONKEY_CONFIG on a real command line, before the parser sees it.
@Suite("Config: the command line the parser gets")
struct ConfigPreprocessorTests {
    static func file(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-config-\(UUID().uuidString).yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("--config adds the file's settings the command line and environment leave open")
    func configFlag() throws {
        let path = try Self.file("max-kills: 2\nmode: force\nseed: 4\nnamespace: [a, b]")
        let prepared = try ArgumentPreprocessor.prepare(
            ["kill", "--config", path, "--seed", "1"], environment: ["PODCHAOSMONKEY_MODE": "delete"])
        #expect(
            prepared.arguments == [
                "kill", "--seed", "1", "--namespace=a,b", "--max-kills=2", "--mode=delete", "--config=\(path)",
            ])
        #expect(prepared.notices.isEmpty)
    }

    @Test("PODCHAOSMONKEY_CONFIG names the file when --config does not; --config=FILE wins")
    func configVariable() throws {
        let fromEnvironment = try Self.file("max-kills: 2")
        let fromFlag = try Self.file("max-kills: 3")
        let environment = ["PODCHAOSMONKEY_CONFIG": fromEnvironment]
        #expect(try ArgumentPreprocessor.prepare(["plan"], environment: environment).arguments.contains("--max-kills=2"))
        #expect(
            try ArgumentPreprocessor.prepare(["plan", "--config=\(fromFlag)"], environment: environment).arguments.contains("--max-kills=3")
        )
    }

    @Test("Commands without --config of their own still read it; it is not passed on to them")
    func sandbox() throws {
        let path = try Self.file("nodes: 5\nhttp: true")
        let prepared = try ArgumentPreprocessor.prepare(["sandbox", "--config", path], environment: [:])
        #expect(prepared.arguments == ["sandbox", "--http", "--nodes=5"])
        _ = try PodChaosMonkey.parseAsRoot(prepared.arguments)
    }

    @Test("A bare --dry-run still means client (and --leader-elect true), and the file cannot override it")
    func dryRun() throws {
        #expect(
            try ArgumentPreprocessor.prepare(["kill", "--leader-elect", "-n", "a"], environment: [:]).arguments == [
                "kill", "--leader-elect=true", "-n", "a",
            ])
        let path = try Self.file("dry-run: server")
        #expect(
            try ArgumentPreprocessor.prepare(["kill", "--dry-run", "--config", path], environment: [:]).arguments == [
                "kill", "--dry-run=client", "--config=\(path)",
            ])
    }

    @Test("Settings go before a -- terminator")
    func terminator() throws {
        let path = try Self.file("nodes: 5")
        #expect(
            try ArgumentPreprocessor.prepare(["sandbox", "--config", path, "--", "x"], environment: [:]).arguments == [
                "sandbox", "--nodes=5", "--", "x",
            ])
    }

    @Test("Keys of other commands become one notice")
    func notices() throws {
        let path = try Self.file("listen: 127.0.0.1:0\nnodes: 2\nmax-kills: 2")
        let prepared = try ArgumentPreprocessor.prepare(["plan", "--config", path], environment: [:])
        #expect(prepared.notices == ["\(path): ignoring keys plan does not take: listen (sandbox), nodes (sandbox)"])
    }

    @Test("The first problem is thrown; a missing file names the file")
    func problems() throws {
        let bad = try Self.file("max-kills: x\nmode: boom")
        #expect(throws: SettingError.invalidValue(bad, keyPath: "max-kills", problem: #""x" is not a valid integer"#)) {
            try ArgumentPreprocessor.prepare(["kill", "--config", bad], environment: [:])
        }
        #expect(throws: SettingError.unreadable("/nonexistent.yaml", reason: "no such file")) {
            try ArgumentPreprocessor.prepare(["kill"], environment: ["PODCHAOSMONKEY_CONFIG": "/nonexistent.yaml"])
        }
    }

    @Test("The config commands, help and version are left alone")
    func untouched() throws {
        let environment = ["PODCHAOSMONKEY_CONFIG": "/nonexistent.yaml", "PODCHAOSMONKEY_MAX_KILLS": "2"]
        for arguments in [["config", "print", "--max-kills", "3"], ["config", "validate", "x.yaml"], ["version"], ["--help"]] {
            #expect(try ArgumentPreprocessor.prepare(arguments, environment: environment).arguments == arguments)
        }
    }

    @Test(
        "Without PODCHAOSMONKEY_* variables, --config or a negative value the command list is never built",
        arguments: [
            ["version"], ["--help"], ["kill", "--help"], ["kill", "-n", "a", "--dry-run"], ["run", "--count", "3", "--", "-1"],
        ])
    func catalogUnbuilt(arguments: [String]) throws {
        var built = false
        let prepared = try ArgumentPreprocessor.prepare(
            arguments, environment: ["HOME": "/root"],
            catalog: {
                built = true
                return try! CommandCatalog.cli()
            }())
        #expect(!built)
        #expect(prepared == (try ArgumentPreprocessor.prepare(arguments, environment: ["PODCHAOSMONKEY_NOT_AN_OPTION": "x"])))
    }

    @Test(
        "A PODCHAOSMONKEY_* variable, --config or a negative value reads the command list",
        arguments: [
            (["kill"], ["PODCHAOSMONKEY_MAX_KILLS": "2"], ["kill", "--max-kills=2"]),
            (["kill", "--count", "-1"], [:], ["kill", "--count=-1"]),
            (["kill", "--config"], [:], ["kill", "--config"]),
        ])
    func catalogBuilt(arguments: [String], environment: [String: String], expected: [String]) throws {
        var built = false
        let prepared = try ArgumentPreprocessor.prepare(
            arguments, environment: environment,
            catalog: {
                built = true
                return try! CommandCatalog.cli()
            }())
        #expect(built)
        #expect(prepared.arguments == expected)
    }

    @Test(
        "A parser help dump that cannot be decoded stops the command with one line, instead of dropping its settings",
        arguments: ["not json", #"{"command":{"subcommands":[]}}"#])
    func undecodableHelpDump(dump: String) throws {
        let error = #expect(throws: CommandCatalogError.self) {
            try ArgumentPreprocessor.prepare(
                ["kill"], environment: ["PODCHAOSMONKEY_MAX_KILLS": "2"], catalog: try CommandCatalog(helpDump: dump))
        }
        let message = try #require(error).description
        #expect(message.hasPrefix("cannot read the command-line parser's description of its options ("))
        #expect(message.hasSuffix("so config files and PODCHAOSMONKEY_* variables cannot be applied"))
        #expect(!message.contains("\n"))
    }
}

@Suite("Config: reading a command line the parser's way")
struct CommandLineScanTests {
    @Test(
        "Which options a command line sets",
        arguments: [
            (["--max-kills", "2"], ["max-kills": SettingValue.single("2")]),
            (["--max-kills=2", "--max-kills=3"], ["max-kills": .single("3")]),
            (["-n", "a", "--namespace=b", "-nc"], ["namespace": .list(["a", "b", "c"])]),
            (["-An", "a"], ["all-namespaces": .flag(true), "namespace": .list(["a"])]),
            (
                ["-o", "json", "--no-wait", "-l", "app=web"],
                ["output": .single("json"), "no-wait": .flag(true), "selector": .single("app=web")]
            ),
            (["--unknown", "--seed", "1"], ["seed": .single("1")]),
            (["--", "--seed", "1"], [:]),
        ])
    func scan(arguments: [String], expected: [String: SettingValue]) throws {
        let kill = try #require(try CommandCatalog.cli().command(at: ["kill"]))
        #expect(CommandLineScan.settings(arguments, command: kill) == expected)
    }
}
