import Foundation
import Testing
import Yams

@testable import podchaosmonkey

/// `config print`: valid YAML that reads back to the same settings, with each source named and secrets hidden.
@Suite("Config: printing the effective configuration")
struct ConfigRenderingTests {
    static let kill = try! CommandCatalog.cli().command(at: ["kill"])!

    @Test("Printed values read back to the same settings")
    func roundTrip() throws {
        let document = try ConfigDocument.parse(
            """
            namespace: ["!kube-system", "a b", "null", demo]
            annotation: ["x=1", "y: 2 # not a comment"]
            selector: "app=web,tier!=db"
            context: "yes"
            kubeconfig: "~"
            include-name: '^web-(a|b)$'
            grace-period: ""
            html: "/tmp/report #1.html"
            percent: 12.5
            no-wait: true
            mode: delete
            """, path: "in.yaml")
        let first = EffectiveConfiguration.resolve(
            command: Self.kill, catalog: try .cli(), commandLine: ["--seed", "7"], environment: ["PODCHAOSMONKEY_MAX_KILLS": "3"],
            file: document)
        #expect(first.errors.isEmpty, "\(first.errors)")
        let printed = ConfigRenderer.render(first)
        let second = EffectiveConfiguration.resolve(
            command: Self.kill, catalog: try .cli(), commandLine: [], environment: [:],
            file: try ConfigDocument.parse(printed, path: "printed.yaml"))
        #expect(second.errors.isEmpty, "\(second.errors)\n\(printed)")
        for (before, after) in zip(first.settings, second.settings) {
            #expect(before.value == after.value || (before.value == .unset && after.source == .default), "\(before.option.name)")
        }
        // Everything printed, defaults included, is something the parser takes.
        _ = try PodChaosMonkey.parseAsRoot(["kill"] + second.addedArguments)
        #expect(second.settings.allSatisfy { $0.source == .file("printed.yaml") || $0.value == .unset || $0.value == .flag(false) })
    }

    @Test("One line per option with its source as a trailing comment")
    func sources() throws {
        let document = try ConfigDocument.parse("max-kills: 2\nmode: force\nseed: 4", path: "config.yaml")
        let effective = EffectiveConfiguration.resolve(
            command: Self.kill, catalog: try .cli(), commandLine: ["--seed", "9"], environment: ["PODCHAOSMONKEY_MODE": "delete"],
            file: document)
        let lines = ConfigRenderer.render(effective).split(separator: "\n").map(String.init)
        func line(_ key: String) -> String? { lines.first { $0.hasPrefix(key + ":") } }
        #expect(line("seed")?.hasSuffix("# flag") == true)
        #expect(line("mode")?.contains("mode: delete") == true)
        #expect(line("mode")?.hasSuffix("# env PODCHAOSMONKEY_MODE") == true)
        #expect(line("max-kills")?.hasSuffix("# file config.yaml") == true)
        #expect(line("per-owner")?.hasSuffix("# default") == true)
        #expect(line("count")?.contains("count: null") == true)
        #expect(line("namespace")?.contains("namespace: []") == true)
        #expect(lines.filter { !$0.hasPrefix("#") }.count == Self.kill.options.count)
    }

    @Test(
        "Scalars that YAML would misread are quoted, others left plain",
        arguments: [
            "evict", "5m", "12.5", "app=web", "/tmp/x.html", "", "yes", "NULL", "~", "!a", "a b", "a,b", "x: y", "# c", "-1", "[a]",
            "ü", "tab\there", "quote\"d", "@x", "*a", "&a", ">x", "|x", "%x", "'x'",
        ])
    func scalars(value: String) throws {
        let yaml = "key: \(YAMLText.scalar(value))"
        let node = try #require(try Yams.compose(yaml: yaml)?.mapping?["key"]?.scalar)
        #expect(node.string == value)
        #expect(node.style != .plain || !YAMLText.nonStrings.contains(value.lowercased()))
        #expect(!(node.style == .plain && value.isEmpty))
    }

    @Test(
        "What counts as a secret",
        arguments: [
            ("webhook", "https://example.com/hook", true),
            ("slack-webhook", "https://hooks.slack.com/services/T/B/x", true),
            ("webhook-template", "/etc/template.mustache", false),
            ("webhook-timeout", "5s", false),
            ("token", "abc123", true),
            ("print-token", "demo/chaos", false),
            ("context", "https://user:secret@example.com", true),
            ("context", "https://example.com/x?token=abc", true),
            ("context", "xoxb-1234-abcd", true),
            ("context", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", true),
            ("context", "prod-cluster", false),
            ("kubeconfig", "/home/me/.kube/config", false),
            ("selector", "app=web", false),
        ])
    func secrets(option: String, value: String, secret: Bool) {
        let setting = Setting(option: OptionSpec(name: option, kind: .option), value: .single(value), source: .flag)
        #expect(SecretRedaction.isSecret(setting) == secret)
    }

    @Test(
        "Did you mean",
        arguments: [
            ("max-kill", "max-kills"), ("maxKills", "max-kills"), ("max_kills", "max-kills"), ("--seed", "seed"),
            ("namespaces", "namespace"),
            ("recovery-timout", "recovery-timeout"), ("dryrun", "dry-run"),
        ])
    func suggestion(key: String, expected: String) throws {
        #expect(KeySuggestion.closest(to: key, among: try CommandCatalog.cli().allKeys) == expected)
    }

    @Test("No suggestion for something unrelated")
    func noSuggestion() throws {
        #expect(KeySuggestion.closest(to: "explode", among: try CommandCatalog.cli().allKeys) == nil)
        #expect(KeySuggestion.closest(to: "ab", among: try CommandCatalog.cli().allKeys) == nil)
    }
}
