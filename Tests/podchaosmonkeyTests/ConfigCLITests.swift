import Foundation
import KubeTesting
import Testing
import Yams

/// `--config`, `config validate` and `config print` as a user runs them.
@Suite("podchaosmonkey config and --config as a subprocess", .dedicatedThreads)
struct ConfigCLITests {
    static func file(_ yaml: String, name: String = "config.yaml") throws -> (directory: String, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return (directory.path, path)
    }

    @Test("config validate: FILE: ok, exit 0")
    func validateOK() async throws {
        let (_, path) = try Self.file("max-kills: 2\nnamespace: [demo]\nno-wait: true\ndry-run: server\nnodes: 3\n")
        let result = try await CLIRunner.run(["config", "validate", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(path): ok\n")
    }

    @Test("config validate: every problem on its own line, exit 2")
    func validateProblems() async throws {
        let (_, path) = try Self.file("max-kill: 2\nmax-kills: x\nmode: [evict]\nnamespace: {a: b}\n")
        let result = try await CLIRunner.run(["config", "validate", path])
        #expect(result.status == 2)
        #expect(
            result.stderr.split(separator: "\n").map(String.init) == [
                "\(path): unknown key 'max-kill' (did you mean 'max-kills'?)",
                #"\#(path): max-kills: "x" is not a valid integer"#,
                "\(path): mode: expected a single value, got a list",
                "\(path): namespace: expected a value or a list of values, got a mapping",
            ])
        #expect(result.stdout.isEmpty)
    }

    @Test("config validate --command: keys of another command are named with it")
    func validateCommand() async throws {
        let (_, path) = try Self.file("max-kills: 2\nlisten: 127.0.0.1:0\n")
        let kill = try await CLIRunner.run(["config", "validate", path, "--command", "kill"])
        #expect(kill.status == 2)
        #expect(kill.stderr == "\(path): key 'listen' applies to sandbox, not kill\n")
        let any = try await CLIRunner.run(["config", "validate", path])
        #expect(any.status == 0)
        let unknown = try await CLIRunner.run(["config", "validate", path, "--command", "kil"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'kill'?"))
    }

    @Test("config validate: missing files and YAML syntax errors name the file (and line)")
    func validateUnreadable() async throws {
        let missing = try await CLIRunner.run(["config", "validate", "/nonexistent/config.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "/nonexistent/config.yaml: cannot read the config file: no such file\n")
        let (_, path) = try Self.file("max-kills: 2\nnamespace: [a\n")
        let syntax = try await CLIRunner.run(["config", "validate", path])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.hasPrefix("\(path):3:"), "\(syntax.stderr)")
        #expect(syntax.stderr.split(separator: "\n").count == 1)
    }

    @Test("A bad value in --config stops the command with one line naming the file and key, exit 2")
    func runtimeError() async throws {
        let (_, path) = try Self.file("max-kills: x\n")
        let result = try await CLIRunner.run(["kill", "--config", path, "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(result.status == 2)
        #expect(result.stderr == #"podchaosmonkey: \#(path): max-kills: "x" is not a valid integer"# + "\n")
        let viaEnvironment = try await CLIRunner.run(["plan"], environment: ["PODCHAOSMONKEY_CONFIG": "/nonexistent/pcm.yaml"])
        #expect(viaEnvironment.status == 2)
        #expect(viaEnvironment.stderr == "podchaosmonkey: /nonexistent/pcm.yaml: cannot read the config file: no such file\n")
    }

    @Test("A command's own complaint about a value from the file or environment names the key or variable")
    func semanticError() async throws {
        let (_, path) = try Self.file("percent: 120\n")
        let file = try await CLIRunner.run(["kill", "--config", path, "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(file.status == 2)
        #expect(file.stderr.hasPrefix("podchaosmonkey: \(path): percent: must be more than 0 and at most 100"), "\(file.stderr)")
        let environment = try await CLIRunner.run(
            ["kill", "--kubeconfig", "/nonexistent/kubeconfig"], environment: ["PODCHAOSMONKEY_PER_OWNER": "0"])
        #expect(environment.status == 2)
        #expect(environment.stderr.hasPrefix("podchaosmonkey: PODCHAOSMONKEY_PER_OWNER: must be at least 1"), "\(environment.stderr)")
        let flag = try await CLIRunner.run(["kill", "--config", path, "--percent", "130", "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(flag.stderr.hasPrefix("podchaosmonkey: --percent: must be more than 0 and at most 100"), "\(flag.stderr)")
    }

    @Test("config print: every option with its value and source, flags > env > file > default")
    func printSources() async throws {
        let (_, path) = try Self.file("max-kills: 2\nmode: force\nseed: 4\nnamespace: [demo]\n")
        let result = try await CLIRunner.run(
            ["config", "print", "--command", "plan", "--config", path, "--seed", "9", "-A"],
            environment: ["PODCHAOSMONKEY_MODE": "delete", "PODCHAOSMONKEY_MAX_KILLS": "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func line(_ key: String) -> String { lines.first { $0.hasPrefix(key + ":") } ?? "" }
        #expect(line("seed").hasPrefix("seed: 9") && line("seed").hasSuffix("# flag"))
        #expect(line("all-namespaces").hasPrefix("all-namespaces: true") && line("all-namespaces").hasSuffix("# flag"))
        #expect(line("mode").hasPrefix("mode: delete") && line("mode").hasSuffix("# env PODCHAOSMONKEY_MODE"))
        #expect(line("max-kills").hasPrefix("max-kills: 3") && line("max-kills").hasSuffix("# env PODCHAOSMONKEY_MAX_KILLS"))
        #expect(line("namespace").hasPrefix("namespace: [demo]") && line("namespace").hasSuffix("# file \(path)"))
        #expect(line("per-owner").hasPrefix("per-owner: 1") && line("per-owner").hasSuffix("# default"))
        #expect(line("recovery-timeout").hasPrefix("recovery-timeout: 5m"))
        let mapping = try #require(try Yams.compose(yaml: result.stdout)?.mapping)
        #expect(mapping.count == lines.filter { !$0.hasPrefix("#") }.count)
        #expect(mapping["kubeconfig"] != nil && mapping["output"] != nil && mapping["timeline"] != nil)
    }

    @Test("config print's output is a config file that reproduces the same configuration")
    func printRoundTrip() async throws {
        let (directory, path) = try Self.file("namespace: [\"!kube-system\", demo]\nselector: \"app=web,tier!=db\"\nno-wait: true\n")
        let first = try await CLIRunner.run(
            ["config", "print", "--config", path, "--seed", "9", "--grace-period", "10s"], environment: ["PODCHAOSMONKEY_MODE": "delete"])
        #expect(first.status == 0, "\(first.stderr)")
        let printed = directory + "/printed.yaml"
        try Data(first.stdout.utf8).write(to: URL(fileURLWithPath: printed))
        let validate = try await CLIRunner.run(["config", "validate", printed, "--command", "kill"])
        #expect(validate.status == 0, "\(validate.stderr)")
        let second = try await CLIRunner.run(["config", "print", "--config", printed])
        #expect(second.status == 0, "\(second.stderr)")
        func values(_ text: String) -> [String] {
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
                $0.components(separatedBy: "  #")[0].trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(values(first.stdout) == values(second.stdout))
        #expect(second.stdout.contains("seed: 9"))
        #expect(second.stdout.contains("mode: delete"))
        #expect(second.stdout.contains(#"selector: "app=web,tier!=db""#))
    }

    @Test("config print refuses a bad flag like the command would, with one line")
    func printBadFlag() async throws {
        let result = try await CLIRunner.run(["config", "print", "--mode", "explode"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--mode"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let unknown = try await CLIRunner.run(["config", "print", "--explode"])
        #expect(unknown.status == 2)
    }

    @Test("Precedence in a real plan against the sandbox: flag seed, env mode, file budget")
    func planPrecedence() async throws {
        try await KillCLITests.Fixture.with { fixture in
            let (_, path) = try Self.file("namespace: [demo]\nseed: 1\nmode: force\ncount: 2\nper-owner: 2\nmax-kills: 2\n")
            let result = try await CLIRunner.run(
                ["plan", "--kubeconfig", fixture.kubeconfig, "--config", path, "--seed", "3", "-o", "json"],
                environment: ["PODCHAOSMONKEY_MODE": "delete", "PODCHAOSMONKEY_SEED": "2"])
            #expect(result.status == 0, "\(result.stderr)")
            let plan = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(plan["seed"] as? Int == 3)
            #expect(plan["mode"] as? String == "delete")
            #expect((plan["victims"] as? [[String: Any]])?.count == 2)
            let defaults = try await CLIRunner.run(["plan", "--kubeconfig", fixture.kubeconfig, "-n", "demo", "-o", "json"])
            let single = try #require(try JSONSerialization.jsonObject(with: Data(defaults.stdout.utf8)) as? [String: Any])
            #expect((single["victims"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("kill --config with a key of another command runs, and says the key was ignored")
    func ignoredKey() async throws {
        let (_, path) = try Self.file("nodes: 3\nmax-kills: x\n")
        let result = try await CLIRunner.run(["kill", "--config", path])
        #expect(result.status == 2)
        let (_, good) = try Self.file("nodes: 3\n")
        let fine = try await CLIRunner.run(["plan", "--config", good, "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(fine.stderr.contains("ignoring keys plan does not take: nodes (sandbox)"), "\(fine.stderr)")
    }

    @Test("--config is in the help of kill")
    func help() async throws {
        let result = try await CLIRunner.run(["kill", "--help"])
        #expect(result.stdout.contains("--config <file>"))
    }
}
