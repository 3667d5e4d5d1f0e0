import Testing

@testable import podchaosmonkey

/// Precedence, option by option: command line > PODCHAOSMONKEY_* > config file > the parser's defaults.
@Suite("Config: merging flags, environment, file and defaults")
struct ConfigMergeTests {
    static let kill = try! CommandCatalog.cli().command(at: ["kill"])!

    static func resolve(
        _ commandLine: [String] = [], environment: [String: String] = [:], file yaml: String? = nil, command: CommandSpec = kill
    ) throws -> EffectiveConfiguration {
        let document = try yaml.map { yaml throws(SettingError) in try ConfigDocument.parse(yaml, path: "config.yaml") }
        return EffectiveConfiguration.resolve(
            command: command, catalog: try .cli(), commandLine: commandLine, environment: environment, file: document)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let commandLine: [String]
        let environment: [String: String]
        let file: String?
        let option: String
        let value: SettingValue
        let source: SettingSource
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "default", commandLine: [], environment: [:], file: nil, option: "max-kills", value: .single("1"), source: .default),
        Case(
            name: "file over default", commandLine: [], environment: [:], file: "max-kills: 2", option: "max-kills", value: .single("2"),
            source: .file("config.yaml")),
        Case(
            name: "env over file", commandLine: [], environment: ["PODCHAOSMONKEY_MAX_KILLS": "3"], file: "max-kills: 2",
            option: "max-kills", value: .single("3"), source: .environment("PODCHAOSMONKEY_MAX_KILLS")),
        Case(
            name: "flag over env and file", commandLine: ["--max-kills", "4"], environment: ["PODCHAOSMONKEY_MAX_KILLS": "3"],
            file: "max-kills: 2", option: "max-kills", value: .single("4"), source: .flag),
        Case(
            name: "flag with = over file", commandLine: ["--max-kills=5"], environment: [:], file: "max-kills: 2", option: "max-kills",
            value: .single("5"), source: .flag),
        Case(
            name: "file list", commandLine: [], environment: [:], file: "namespace: [a, b]", option: "namespace", value: .list(["a", "b"]),
            source: .file("config.yaml")),
        Case(
            name: "a short flag replaces the whole file list", commandLine: ["-n", "c"], environment: [:], file: "namespace: [a, b]",
            option: "namespace", value: .list(["c"]), source: .flag),
        Case(
            name: "a list in the environment is comma-separated", commandLine: [], environment: ["PODCHAOSMONKEY_NAMESPACE": "x,y"],
            file: "namespace: [a]", option: "namespace", value: .list(["x", "y"]), source: .environment("PODCHAOSMONKEY_NAMESPACE")),
        Case(
            name: "one value for a repeatable option", commandLine: [], environment: [:], file: "namespace: a", option: "namespace",
            value: .list(["a"]), source: .file("config.yaml")),
        Case(
            name: "file flag", commandLine: [], environment: [:], file: "no-wait: true", option: "no-wait", value: .flag(true),
            source: .file("config.yaml")),
        Case(
            name: "env false beats file true", commandLine: [], environment: ["PODCHAOSMONKEY_NO_WAIT": "false"], file: "no-wait: true",
            option: "no-wait", value: .flag(false), source: .environment("PODCHAOSMONKEY_NO_WAIT")),
        Case(
            name: "a combined short flag counts as given", commandLine: ["-An", "x"], environment: [:], file: "all-namespaces: false",
            option: "all-namespaces", value: .flag(true), source: .flag),
        Case(
            name: "null leaves the default", commandLine: [], environment: [:], file: "max-kills: ~", option: "max-kills",
            value: .single("1"), source: .default),
        Case(
            name: "quoted empty string is a value", commandLine: [], environment: [:], file: "selector: \"\"", option: "selector",
            value: .single(""), source: .file("config.yaml")),
        Case(
            name: "after -- nothing is a flag", commandLine: ["--", "--seed=3"], environment: [:], file: "seed: 7", option: "seed",
            value: .single("7"), source: .file("config.yaml")),
    ]

    @Test("Precedence per option", arguments: cases)
    func precedence(_ testCase: Case) throws {
        let effective = try Self.resolve(testCase.commandLine, environment: testCase.environment, file: testCase.file)
        #expect(effective.errors.isEmpty, "\(effective.errors)")
        let setting = try #require(effective.settings.first { $0.option.name == testCase.option })
        #expect(setting.value == testCase.value)
        #expect(setting.source == testCase.source)
    }

    @Test("Environment and file settings become arguments, in the command's order, flags left to the command line")
    func addedArguments() throws {
        let effective = try Self.resolve(
            ["--seed", "9"], environment: ["PODCHAOSMONKEY_MODE": "delete"],
            file: "no-wait: true\nnamespace: [a, b]\nmax-kills: 2\nseed: 4\nall: false\nmode: force")
        #expect(effective.addedArguments == ["--namespace=a,b", "--max-kills=2", "--mode=delete", "--no-wait"])
    }

    @Test("Every option of the command appears once, with the parser's default when nothing sets it")
    func everyOption() throws {
        let effective = try Self.resolve()
        #expect(effective.settings.map(\.option.name) == Self.kill.options.map(\.name))
        #expect(effective.settings.allSatisfy { $0.source == .default })
        let defaults = Dictionary(uniqueKeysWithValues: effective.settings.map { ($0.option.name, $0.value) })
        #expect(defaults["mode"] == .single("evict"))
        #expect(defaults["recovery-timeout"] == .single("5m"))
        #expect(defaults["count"] == .unset)
        #expect(defaults["all"] == .flag(false))
        #expect(defaults["namespace"] == .list([]))
        #expect(Set(defaults.keys).isDisjoint(with: ["help", "version", "config"]))
    }

    @Test("Keys of another command are ignored and listed; strictly, they are errors")
    func otherCommandKeys() throws {
        let effective = try Self.resolve(file: "listen: 127.0.0.1:0\nmax-kills: 2")
        #expect(effective.errors.isEmpty)
        #expect(effective.ignoredKeys.map(\.key) == ["listen"])
        #expect(effective.ignoredKeys.first?.commands == ["sandbox"])
        let document = try ConfigDocument.parse("listen: 127.0.0.1:0", path: "config.yaml")
        let strict = EffectiveConfiguration.resolve(
            command: Self.kill, catalog: try .cli(), commandLine: [], environment: [:], file: document, strict: true)
        #expect(strict.errors.map(\.description) == ["config.yaml: key 'listen' applies to sandbox, not kill"])
    }
}
