import Foundation
import KubeAPI
import Testing

/// Kubeconfigs written to hurt: each is refused quickly with one line naming the file, never a crash or a hang.
@Suite("Kubeconfig: hostile input", .timeLimit(.minutes(1)))
struct KubeconfigHostileInputTests {
    struct HostileCase: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        /// A part of the one-line message.
        var message: String
        var testDescription: String { name }
    }

    /// Ten levels of aliases, each naming the level below ten times: 10^10 leaves if expanded.
    static let anchorBomb: String = {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...10 {
            let below = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(below)]")
        }
        lines.append("clusters: *a10")
        return lines.joined(separator: "\n")
    }()

    /// The same aliases where the loader walks the whole value: a cluster's exec extension, passed on as JSON.
    static let extensionBomb: String = {
        let levels = anchorBomb.split(separator: "\n").dropLast().joined(separator: "\n")
        return levels + """

            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: *a10
            """
    }()

    /// The same aliases as a mapping key, which the YAML parser hashes to find duplicates.
    static let keyBomb = anchorBomb.split(separator: "\n").dropLast().joined(separator: "\n") + "\nextra: {? *a10 : 1}"

    static let aliasProblem = "its aliases expand to more than \(YAMLAliasLimit.maxExpandedNodes) nodes"

    static let cases: [HostileCase] = [
        HostileCase(
            name: "an alias bomb", bytes: Array(anchorBomb.utf8), message: "not valid YAML at line 6, column 45: \(aliasProblem)"),
        HostileCase(
            name: "an alias bomb in an exec extension", bytes: Array(extensionBomb.utf8),
            message: "not valid YAML at line 6, column 45: \(aliasProblem)"),
        HostileCase(
            name: "an alias bomb as a mapping key", bytes: Array(keyBomb.utf8),
            message: "not valid YAML at line 6, column 45: \(aliasProblem)"),
        HostileCase(
            name: "invalid UTF-8", bytes: Array("clusters:\n- name: k".utf8) + [0xFF, 0xFE, 0x0A],
            message: "not valid YAML: the file is not UTF-8 text"),
        HostileCase(
            name: "a NUL byte", bytes: Array("current-context: c".utf8) + [0x00] + Array("\n".utf8),
            message: "not valid YAML at byte 18: control characters are not allowed"),
        HostileCase(
            name: "nesting 10,000 deep", bytes: Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8),
            message: "not valid YAML at line 1, column 1: Maximum nesting level reached"),
        HostileCase(
            name: "a 20 MB context name", bytes: Array(("current-context: " + String(repeating: "c", count: 20_000_000)).utf8),
            message: "current-context \"\(String(repeating: "c", count: 64))…\"… (20000000 bytes) is not defined"),
        HostileCase(
            name: "a context name with a newline and a NUL", bytes: Array(#"current-context: "a\nb\u0000c""#.utf8),
            message: #"current-context "a\u{a}b\u{0}c" is not defined"#),
        HostileCase(
            name: "wrong types", bytes: Array("clusters: {a: b}\nusers: 7\ncontexts: true\n".utf8), message: "clusters must be a list"),
    ]

    @Test(arguments: cases)
    func refused(_ testCase: HostileCase) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(testCase.bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: ConfigError.self) { try KubeconfigLoader().load(paths: [path]) }
        #expect(error.description.hasPrefix("kubeconfig \(path)"))
        #expect(!error.description.contains("\n"))
        #expect(error.description.count < 400)
        #expect(error.description.contains(testCase.message))
    }
}
