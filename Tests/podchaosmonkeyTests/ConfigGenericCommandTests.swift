import Testing

@testable import podchaosmonkey

/// A command the config layer knows nothing about gets config keys, environment variables and `config print` from
/// its declared flags alone — the `run` daemon's case.
@Suite("Config: any command's flags")
struct ConfigGenericCommandTests {
    static let daemon = ConfigTestRoot.daemon

    static func resolve(_ commandLine: [String] = [], environment: [String: String] = [:], file yaml: String? = nil) throws
        -> EffectiveConfiguration
    {
        let document = try yaml.map { yaml throws(SettingError) in try ConfigDocument.parse(yaml, path: "run.yaml") }
        return EffectiveConfiguration.resolve(
            command: daemon, catalog: ConfigTestRoot.catalog, commandLine: commandLine, environment: environment, file: document,
            check: ConfigTestRoot.check)
    }

    @Test("The catalog reads options, flags, counters and inversions from the parser's help dump")
    func catalog() throws {
        let options = Dictionary(uniqueKeysWithValues: Self.daemon.options.map { ($0.name, $0) })
        #expect(options["cron"]?.kind == .option)
        #expect(options["webhook"]?.kind == .repeatable)
        #expect(options["namespace"]?.shortNames == ["n"])
        #expect(options["verbose"]?.kind == .counter)
        #expect(options["once"]?.kind == .flag)
        #expect(options["leader-elect"]?.inverse == "no-leader-elect")
        #expect(options["leader-elect"]?.defaultSetting == .flag(true))
        #expect(options["mode"]?.allValues == ["evict", "delete"])
        #expect(options["no-leader-elect"] == nil)
        #expect(options["extra"] == nil)
        #expect(options["help"] == nil)
        #expect(ConfigTestRoot.catalog.commands(declaring: "cron").map(\.name) == ["daemon", "other"])
        #expect(ConfigTestRoot.catalog.commandPath(in: ["daemon", "--cron", "x"]) == ["daemon"])
    }

    @Test("File values reach the parser as that command's flags")
    func parsed() throws {
        let effective = try Self.resolve(
            file: """
                cron: "*/5 * * * *"
                jitter: 0.2
                webhook: [https://a.example/hook, https://b.example/hook]
                leader-elect: false
                verbose: 2
                once: true
                mode: delete
                timeout: 30s
                """)
        #expect(effective.errors.isEmpty, "\(effective.errors)")
        let command = try #require(
            try ConfigTestRoot.parseAsRoot(["daemon"] + effective.addedArguments) as? ConfigTestRoot.Daemon)
        #expect(command.cron == "*/5 * * * *")
        #expect(command.jitter == 0.2)
        #expect(command.webhook == ["https://a.example/hook", "https://b.example/hook"])
        #expect(command.leaderElect == false)
        #expect(command.verbose == 2)
        #expect(command.once)
        #expect(command.mode == .delete)
        #expect(command.timeout == 30)
    }

    @Test(
        "Inverted flags and counters from each source",
        arguments: [
            (["--no-leader-elect"], [String: String](), "leader-elect: true", "leader-elect", SettingValue.flag(false), SettingSource.flag),
            (
                [], ["PODCHAOSMONKEY_LEADER_ELECT": "no"], "leader-elect: true", "leader-elect", .flag(false),
                .environment("PODCHAOSMONKEY_LEADER_ELECT")
            ),
            ([], [:], "leader-elect: true", "leader-elect", .flag(true), .file("run.yaml")),
            ([], [:], "", "leader-elect", .flag(true), .default),
            (["-vv"], [:], "verbose: 5", "verbose", .count(2), .flag),
            ([], ["PODCHAOSMONKEY_VERBOSE": "3"], "verbose: 5", "verbose", .count(3), .environment("PODCHAOSMONKEY_VERBOSE")),
            ([], [:], "verbose: true", "verbose", .count(1), .file("run.yaml")),
        ])
    func flags(
        commandLine: [String], environment: [String: String], file: String, option: String, value: SettingValue, source: SettingSource
    )
        throws
    {
        let effective = try Self.resolve(commandLine, environment: environment, file: file)
        #expect(effective.errors.isEmpty)
        let setting = try #require(effective.settings.first { $0.option.name == option })
        #expect(setting.value == value)
        #expect(setting.source == source)
    }

    @Test("A Bool option takes YAML's Bool words, and says so when it gets something else")
    func boolOption() throws {
        let effective = try Self.resolve(file: "dry-run-only: yes")
        #expect(effective.addedArguments == ["--dry-run-only=true"])
        #expect(try Self.resolve(file: "dry-run-only: true").addedArguments == ["--dry-run-only=true"])
        #expect(
            try Self.resolve(file: "dry-run-only: maybe").errors.map(\.description) == [
                #"run.yaml: dry-run-only: "maybe" is not true or false"#
            ])
        let printed = ConfigRenderer.render(effective)
        #expect(printed.contains("dry-run-only: true "))
    }

    @Test("A false file value for an inverted flag is the inversion; for a plain flag, nothing")
    func falseFlags() throws {
        #expect(try Self.resolve(file: "leader-elect: false\nonce: false").addedArguments == ["--no-leader-elect"])
    }

    @Test("Keys of the other command are ignored for this one and named with it")
    func otherCommand() throws {
        let effective = try Self.resolve(file: "port: 9090\ncron: \"@hourly\"")
        #expect(effective.errors.isEmpty)
        #expect(effective.ignoredKeys.map(\.key) == ["port"])
        #expect(effective.ignoredKeys.first?.commands == ["other"])
    }

    @Test("Secret-looking values of any command are redacted in print, which stays valid and reads back")
    func printRedacts() throws {
        let effective = try Self.resolve(
            ["--webhook", "https://hooks.slack.com/services/T0/B0/xyz"], file: "webhook-template: /etc/body.mustache")
        let text = ConfigRenderer.render(effective)
        #expect(!text.contains("hooks.slack.com"))
        #expect(text.contains("# webhook: <redacted>"))
        #expect(text.contains("webhook-template: /etc/body.mustache"))
        let back = try ConfigDocument.parse(text, path: "printed.yaml")
        #expect(!back.entries.contains { $0.key == "webhook" })
        #expect(back.entries.contains { $0.key == "webhook-template" && $0.value == .scalar("/etc/body.mustache") })
    }
}
