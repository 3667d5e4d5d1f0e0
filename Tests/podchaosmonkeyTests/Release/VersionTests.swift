import Foundation
import KubeTesting
import Testing

@testable import podchaosmonkey

/// `version -o json`, and `scripts/version`: the version's one home is `BuildInfo.version`, and CHANGELOG.md's newest
/// release must name it.
@Suite("version -o json and scripts/version", .dedicatedThreads)
struct VersionTests {
    static let script = Kustomize.repository.appendingPathComponent("scripts/version")

    @Test("version -o json prints one object: name, version, revision and buildDate, as the text line says them")
    func json() async throws {
        let result = try await CLIRunner.run(["version", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1, "one line: \(result.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        #expect(Set(object.keys) == ["name", "version", "revision", "buildDate"])
        #expect(object["name"] == "podchaosmonkey")
        #expect(object["version"] == BuildInfo.version)
        let text = try await CLIRunner.run(["version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = try #require(text.wholeMatch(of: /podchaosmonkey (\S+) \(revision (\S+), built (\S+)\)/), "\(text)")
        #expect(object["version"] == String(parts.1) && object["revision"] == String(parts.2) && object["buildDate"] == String(parts.3))
    }

    @Test("A bad -o exits 2 with one line naming it", arguments: [["-o", "yaml"], ["--output", "table"], ["-o"]])
    func badFormat(arguments: [String]) async throws {
        let result = try await CLIRunner.run(["version"] + arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.hasPrefix("podchaosmonkey: ") && result.stderr.contains("<output>"), "\(result.stderr)")
    }

    @Test("version is not a setting's command: PODCHAOSMONKEY_OUTPUT, meant for plan and kill, leaves it alone")
    func environmentIgnored() async throws {
        let result = try await CLIRunner.run(["version"], environment: ["PODCHAOSMONKEY_OUTPUT": "wide"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == BuildInfo.line + "\n")
    }

    @Test("scripts/version prints BuildInfo.version, and --check passes on this repository, with its tag too")
    func repository() async throws {
        let printed = try await CLIRunner.run([], executable: Self.script)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout == BuildInfo.version + "\n")
        let check = try await CLIRunner.run(["--check"], executable: Self.script)
        #expect(check.status == 0, "\(check.stderr)")
        let tagged = try await CLIRunner.run(["--check", "v\(BuildInfo.version)"], executable: Self.script)
        #expect(tagged.status == 0, "\(tagged.stderr)")
    }

    @Test(
        "scripts/version --check fails in one line naming what disagrees",
        arguments: [
            (
                "1.2.3", "## [Unreleased]\n\n## [1.2.4] - 2026-12-06\n", [],
                "CHANGELOG.md's newest release is 1.2.4 but BuildInfo.version is 1.2.3"
            ),
            ("1.02.3", "## [Unreleased]\n\n## [1.02.3] - 2026-12-06\n", [], "'1.02.3' is not a semantic version"),
            ("1.2", "## [Unreleased]\n\n## [1.2] - 2026-12-06\n", [], "'1.2' is not a semantic version"),
            ("1.2.3", "## [Unreleased]\n", [], "CHANGELOG.md has no release heading"),
            ("1.2.3", "## [1.2.3] - 2026-12-06\n", [], "CHANGELOG.md has no '## [Unreleased]' section"),
            ("1.2.3", "## [Unreleased]\n\n## [1.2.3] - 2026-12-06\n", ["v1.2.4"], "tag v1.2.4 does not name BuildInfo.version 1.2.3"),
        ])
    func mismatch(version: String, changelog: String, tag: [String], message: String) async throws {
        let tree = try Self.tree(version: version, changelog: changelog)
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try await CLIRunner.run(["--check"] + tag, executable: tree.appendingPathComponent("scripts/version"))
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.hasPrefix("version: ") && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
    }

    @Test("scripts/version --check passes a pre-release whose changelog names it, newest first")
    func preRelease() async throws {
        let changelog = "## [Unreleased]\n\n## [1.3.0-rc.1+build.7] - 2026-12-06\n\n## [1.2.3] - 2026-11-01\n"
        let tree = try Self.tree(version: "1.3.0-rc.1+build.7", changelog: changelog)
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try await CLIRunner.run(
            ["--check", "v1.3.0-rc.1+build.7"], executable: tree.appendingPathComponent("scripts/version"))
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A copy of the script in a tree of its own, with a BuildInfo.swift saying `version` and that CHANGELOG.md.
    static func tree(version: String, changelog: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-version-\(UUID().uuidString)")
        let sources = root.appendingPathComponent("Sources/podchaosmonkey")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: script, to: root.appendingPathComponent("scripts/version"))
        try Data("enum BuildInfo {\n    static let version = \"\(version)\"\n}\n".utf8)
            .write(to: sources.appendingPathComponent("BuildInfo.swift"))
        try Data(("# Changelog\n\n" + changelog).utf8).write(to: root.appendingPathComponent("CHANGELOG.md"))
        return root
    }
}
