import ArgumentParser
import Foundation
import KubeAPI
import PodChaosDaemon
import Synchronization
import Testing

@testable import podchaosmonkey

/// Long lists, huge values and huge files cost work in proportion to their size, and errors about them stay short.
@Suite("Config: the cost of big input", .serialized)
struct ConfigInputCostTests {
    /// A command whose every parse is counted: the work the config layer asks of the argument parser.
    struct CountingRoot: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tool", subcommands: [Leaf.self])
        static let parses = Mutex(0)

        struct Leaf: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "leaf")
            @Option(name: [.short, .long]) var namespace: [String] = []
            @Option var port: [Int] = []

            func validate() throws { CountingRoot.parses.withLock { $0 += 1 } }
        }

        static let catalog = try! CommandCatalog(helpDump: _dumpHelp())
        static let check = ParserValueCheck(root: CountingRoot.self)
        static var leaf: CommandSpec { catalog.command(at: ["leaf"])! }

        /// Parses made while resolving a file and an environment for `leaf`, with the errors found.
        static func resolve(file yaml: String?, environment: [String: String] = [:]) throws -> (parses: Int, errors: [String]) {
            let document = try yaml.map { try ConfigDocument.parse($0, path: "c.yaml") }
            parses.withLock { $0 = 0 }
            let effective = EffectiveConfiguration.resolve(
                command: leaf, catalog: catalog, commandLine: [], environment: environment, file: document, check: check)
            return (parses.withLock { $0 }, effective.errors.map(\.description))
        }
    }

    static let items = 1000

    @Test("A list of good values from the file is checked with one parse, not one per value")
    func fileListOneParse() throws {
        let yaml = "namespace:\n" + (0..<Self.items).map { "  - ns\($0)\n" }.joined()
        let (parses, errors) = try CountingRoot.resolve(file: yaml)
        #expect(errors.isEmpty)
        #expect(parses == 1)
    }

    @Test("A comma-separated variable is checked with one parse, not one per value")
    func environmentListOneParse() throws {
        let value = (0..<Self.items).map { "ns\($0)" }.joined(separator: ",")
        let (parses, errors) = try CountingRoot.resolve(file: nil, environment: ["PODCHAOSMONKEY_NAMESPACE": value])
        #expect(errors.isEmpty)
        #expect(parses == 1)
    }

    @Test("Bad values among many are found by halving: each named by index, in a few parses each")
    func badValuesFound() throws {
        var ports = (0..<Self.items).map(String.init)
        for index in [3, 500, 998] { ports[index] = "x\(index)" }
        let (parses, errors) = try CountingRoot.resolve(file: "port: [\(ports.joined(separator: ", "))]")
        #expect(
            errors == [
                #"c.yaml: port[3]: "x3" is not a valid integer"#, #"c.yaml: port[500]: "x500" is not a valid integer"#,
                #"c.yaml: port[998]: "x998" is not a valid integer"#,
            ])
        // Per bad value: one parse per halving (log2 1000 ≈ 10), plus the probes that word its message.
        #expect(parses <= 3 * 20)
    }

    @Test("Thousands of bad values make a few lines, in a bounded number of parses")
    func manyBadValuesCapped() throws {
        let ports = (0..<Self.items).map { "x\($0)" }
        let (parses, errors) = try CountingRoot.resolve(file: nil, environment: ["PODCHAOSMONKEY_PORT": ports.joined(separator: ",")])
        let limit = SettingReader.reportedProblemsPerList
        #expect(errors.count == limit + 1)
        #expect(errors.first == #"PODCHAOSMONKEY_PORT: "x0" is not a valid integer"#)
        #expect(errors.last == "PODCHAOSMONKEY_PORT: and more bad values; the first \(limit) are listed")
        #expect(parses <= (limit + 1) * 20)
    }

    @Test("A huge value is echoed as its first characters and its size")
    func hugeValueCut() throws {
        let value = String(repeating: "9x", count: 500_000)
        let errors = ConfigErrorTests.errors("max-kills: \"\(value)\"")
        let shown = String(repeating: "9x", count: EchoedText.shownCharacters / 2)
        #expect(errors == [#"config.yaml: max-kills: "\#(shown)"… (1000000 bytes) is not a valid integer"#])
        // An explicit key: YAML caps implicit ones at 1024 characters.
        let keyErrors = ConfigErrorTests.errors("? \(value)\n: 1")
        #expect(keyErrors.count == 1)
        #expect(keyErrors.first.map { $0.utf8.count < 400 } == true, "\(keyErrors.first?.prefix(500) ?? "")")
        #expect(keyErrors.first?.hasSuffix("(1000000 bytes)'") == true, "\(keyErrors.first?.suffix(80) ?? "")")
    }

    @Test("A short value is echoed whole")
    func shortValueWhole() {
        let value = String(repeating: "a", count: EchoedText.shownCharacters)
        #expect(EchoedValue.quoted(value) == "\"\(value)\"")
        #expect(EchoedValue.quoted(value + "b") == "\"\(value)\"… (65 bytes)")
    }

    @Test("A config file larger than the limit is refused without being read whole")
    func oversizedFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-big-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let line = "# " + String(repeating: "x", count: 1021) + "\n"
        try Data(String(repeating: line, count: 1024).utf8 + Array("a: 1\n".utf8)).write(to: URL(fileURLWithPath: path))
        #expect(throws: SettingError.unreadable(path, reason: "larger than 1 MiB, the most this file may hold")) {
            try ConfigDocument.load(path: path)
        }
        // /dev/zero never ends: only the limit stops the read.
        #expect(throws: SettingError.unreadable("/dev/zero", reason: "larger than 1 MiB, the most this file may hold")) {
            try ConfigDocument.load(path: "/dev/zero")
        }
    }

    @Test("A namespace list from a file or a variable is one comma-separated argument however long; other lists repeat the flag")
    func namespaceListOneArgument() {
        let namespaces = (0..<10_000).map { "ns\($0)" }
        let namespace = OptionSpec(name: "namespace", kind: .repeatable, shortNames: ["n"])
        #expect(SettingValue.list(namespaces).arguments(for: namespace) == ["--namespace=" + namespaces.joined(separator: ",")])
        #expect(SettingValue.list([]).arguments(for: namespace).isEmpty)
        // A value that is not a plain item keeps its own argument, so the command refuses it by name.
        #expect(SettingValue.list(["a", ""]).arguments(for: namespace) == ["--namespace=a", "--namespace", ""])
        let annotation = OptionSpec(name: "annotation", kind: .repeatable)
        #expect(SettingValue.list(["a=1", "b=2"]).arguments(for: annotation) == ["--annotation=a=1", "--annotation=b=2"])
    }

    @Test("-n takes comma-separated names as well as repetitions, in order, each once")
    func namespaceItems() throws {
        let options = try SelectionOptions.parse(["-n", "a,b", "-n", "c,a", "-n", "!d", "--protect-namespace", "x,y"])
        let criteria = try options.criteria(environment: [:])
        #expect(criteria.namespaces.included == ["a", "b", "c"])
        #expect(criteria.namespaces.excluded == ["d"])
        #expect(criteria.namespaces.protected.isSuperset(of: ["x", "y"]))
        #expect(throws: CLIError.self) { try SelectionOptions.parse(["-n", "a,,b"]).criteria(environment: [:]) }
    }
}
