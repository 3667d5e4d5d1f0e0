import Testing

@testable import podchaosmonkey

/// Bad settings: one line naming the file (or variable) and the key, in the config file's words.
@Suite("Config: error messages")
struct ConfigErrorTests {
    static let kill = try! CommandCatalog.cli().command(at: ["kill"])!

    static func errors(_ yaml: String, environment: [String: String] = [:]) -> [String] {
        do {
            let document = try ConfigDocument.parse(yaml, path: "config.yaml")
            return EffectiveConfiguration.resolve(
                command: kill, catalog: try .cli(), commandLine: [], environment: environment, file: document
            ).errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test(
        "File problems",
        arguments: [
            ("max-kills: x", #"config.yaml: max-kills: "x" is not a valid integer"#),
            ("seed: -1", #"config.yaml: seed: "-1" is not a valid non-negative integer"#),
            ("percent: lots", #"config.yaml: percent: "lots" is not a valid number"#),
            ("mode: explode", #"config.yaml: mode: "explode" is not one of evict, delete, force"#),
            ("max-kill: 2", "config.yaml: unknown key 'max-kill' (did you mean 'max-kills'?)"),
            ("maxKills: 2", "config.yaml: unknown key 'maxKills' (did you mean 'max-kills'?)"),
            ("--dry-run: server", "config.yaml: unknown key '--dry-run' (did you mean 'dry-run'?)"),
            ("explode: true", "config.yaml: unknown key 'explode'"),
            ("mode: [evict]", "config.yaml: mode: expected a single value, got a list"),
            ("no-wait: [true]", "config.yaml: no-wait: expected true or false, got a list"),
            ("namespace: {a: b}", "config.yaml: namespace: expected a value or a list of values, got a mapping"),
            ("namespace: [a, {b: c}]", "config.yaml: namespace[1]: expected a value, got a mapping"),
            ("namespace: [a, [b]]", "config.yaml: namespace[1]: expected a value, got a list"),
            ("no-wait: maybe", #"config.yaml: no-wait: expected true or false, got "maybe""#),
            ("- max-kills\n- 2", "config.yaml: expected a mapping of flag names to values (like max-kills: 2), got a list"),
            ("just text", #"config.yaml: expected a mapping of flag names to values (like max-kills: 2), got the value "just text""#),
            ("config: other.yaml", "config.yaml: unknown key 'config'"),
        ])
    func fileProblems(yaml: String, message: String) {
        #expect(Self.errors(yaml) == [message])
    }

    @Test("Every problem of a file is reported, in order")
    func allProblems() {
        #expect(
            Self.errors("max-kills: x\nmax-kill: 2\nmode: [a]")
                == [
                    #"config.yaml: max-kills: "x" is not a valid integer"#,
                    "config.yaml: unknown key 'max-kill' (did you mean 'max-kills'?)",
                    "config.yaml: mode: expected a single value, got a list",
                ])
    }

    @Test("A bad list item is named by its index; a list for a single value is refused")
    func listItems() throws {
        let document = try ConfigDocument.parse("ports: [80, x, 443]\nmax-kills-per-hour: [1]\nnamespace: [a]", path: "c.yaml")
        let errors = EffectiveConfiguration.resolve(
            command: ConfigTestRoot.daemon, catalog: ConfigTestRoot.catalog, commandLine: [], environment: [:], file: document,
            check: ConfigTestRoot.check
        ).errors.map(\.description)
        #expect(
            errors == [#"c.yaml: ports[1]: "x" is not a valid integer"#, "c.yaml: max-kills-per-hour: expected a single value, got a list"])
    }

    @Test("YAML syntax errors name the file and the line")
    func syntax() {
        let errors = Self.errors("max-kills: 2\nnamespace: [a, b\nmode: evict\n")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("config.yaml:3:") == true, "\(errors)")
        #expect(errors.first?.contains("invalid YAML") == true)
        #expect(errors.first?.contains("\n") == false)
    }

    @Test("Duplicate keys are a YAML error naming the key")
    func duplicates() {
        let errors = Self.errors("max-kills: 2\nmax-kills: 3\n")
        #expect(errors.count == 1)
        #expect(errors.first?.contains("config.yaml") == true)
        #expect(errors.first?.contains("'max-kills'") == true, "\(errors)")
    }

    @Test(
        "Environment problems name the variable",
        arguments: [
            (["PODCHAOSMONKEY_MAX_KILLS": "x"], #"PODCHAOSMONKEY_MAX_KILLS: "x" is not a valid integer"#),
            (["PODCHAOSMONKEY_NO_WAIT": "maybe"], #"PODCHAOSMONKEY_NO_WAIT: expected true or false, got "maybe""#),
            (["PODCHAOSMONKEY_MODE": "boom"], #"PODCHAOSMONKEY_MODE: "boom" is not one of evict, delete, force"#),
        ])
    func environment(_ environment: [String: String], message: String) {
        #expect(Self.errors("", environment: environment) == [message])
    }

    @Test("A file value the command line overrides, and other sources, combine without errors")
    func overriddenValue() throws {
        let document = try ConfigDocument.parse("max-kills: 3", path: "config.yaml")
        let effective = EffectiveConfiguration.resolve(
            command: Self.kill, catalog: try .cli(), commandLine: ["--max-kills", "2"], environment: ["PODCHAOSMONKEY_MODE": "delete"],
            file: document)
        #expect(effective.errors.isEmpty)
    }

    @Test("A missing file names the file")
    func missing() {
        #expect(throws: SettingError.unreadable("/nonexistent/c.yaml", reason: "no such file")) {
            try ConfigDocument.load(path: "/nonexistent/c.yaml")
        }
    }

    @Test("A custom value parser's own message is kept")
    func customParserMessage() {
        let option = ConfigTestRoot.daemon.option(named: "timeout")!
        let problem = ConfigTestRoot.check.problem(command: ConfigTestRoot.daemon, option: option, value: "soon")
        #expect(problem == #""soon" is invalid: expected a number of seconds followed by s"#)
        #expect(ConfigTestRoot.check.problem(command: ConfigTestRoot.daemon, option: option, value: "10s") == nil)
    }

    @Test("config validate without a command: each key must suit a command that takes it")
    func validateAnyCommand() throws {
        let document = try ConfigDocument.parse("max-kills: 2\nlisten: 127.0.0.1:0\nseed: 5\nnodez: 3\nnodes: many", path: "c.yaml")
        let problems = ConfigValidation.problems(in: document, catalog: try .cli(), command: nil).map(\.description)
        #expect(problems == ["c.yaml: unknown key 'nodez' (did you mean 'nodes'?)", #"c.yaml: nodes: "many" is not a valid integer"#])
    }

    @Test("A key valid for one command passes when its value suits any command that takes it")
    func validateEitherCommand() throws {
        let document = try ConfigDocument.parse("cron: \"*/5 * * * *\"", path: "c.yaml")
        #expect(ConfigValidation.problems(in: document, catalog: ConfigTestRoot.catalog, command: nil, check: ConfigTestRoot.check).isEmpty)
        let bad = try ConfigDocument.parse("cron: [1]", path: "c.yaml")
        #expect(
            ConfigValidation.problems(in: bad, catalog: ConfigTestRoot.catalog, command: nil, check: ConfigTestRoot.check).map(
                \.description)
                == ["c.yaml: cron: expected a single value, got a list"])
    }
}
