import Foundation
import KubeTesting
import Testing
import Yams

@testable import podchaosmonkey

/// `scripts/krew-manifest` over a directory of fake release tarballs and their sums, as the release job runs it.
@Suite("scripts/krew-manifest", .dedicatedThreads)
struct KrewManifestTests {
    static let script = Kustomize.repository.appendingPathComponent("scripts/krew-manifest")
    static let version = BuildInfo.version
    static let arches = ["amd64", "arm64"]

    /// A directory with a tarball per architecture holding `podchaosmonkey` (under `folder` when given), removed after
    /// `body`; `body` gets the directory and each tarball's SHA-256 by name.
    static func withArtifacts<T>(folder: String? = nil, _ body: (URL, [String: String]) async throws -> T) async throws -> T {
        let artifacts = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-krew-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: artifacts) }
        var sums: [String: String] = [:]
        for arch in arches {
            let staging = artifacts.appendingPathComponent("staging-\(arch)")
            let binary = staging.appendingPathComponent((folder.map { "\($0)/" } ?? "") + "podchaosmonkey")
            try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("a binary for \(arch)".utf8).write(to: binary)
            let name = tarball(arch)
            let tar = try await CLIRunner.run(
                ["-czf", artifacts.appendingPathComponent(name).path, "-C", staging.path, folder ?? "podchaosmonkey"],
                executable: URL(fileURLWithPath: "/usr/bin/tar"))
            try #require(tar.status == 0, "\(tar.stderr)")
            try FileManager.default.removeItem(at: staging)
            let sum = try await CLIRunner.run(
                [artifacts.appendingPathComponent(name).path], executable: URL(fileURLWithPath: "/usr/bin/sha256sum"))
            try #require(sum.status == 0, "\(sum.stderr)")
            sums[name] = String(sum.stdout.prefix { $0 != " " })
        }
        return try await body(artifacts, sums)
    }

    static func tarball(_ arch: String) -> String { "podchaosmonkey-\(version)-linux-\(arch).tar.gz" }

    static func write(_ text: String, _ name: String, in directory: URL) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// One `NAME.sha256` per tarball, as `sha256sum NAME > NAME.sha256` writes it.
    static func writeSumFiles(_ sums: [String: String], in directory: URL) throws {
        for (name, sum) in sums { try write("\(sum)  \(name)\n", "\(name).sha256", in: directory) }
    }

    static func run(_ arguments: [String], repository: String? = "acme/podchaosmonkey") async throws -> CLIRunner.Result {
        try await CLIRunner.run(arguments, environment: repository.map { ["GITHUB_REPOSITORY": $0] } ?? [:], executable: script)
    }

    @Test(
        "The manifest names the plugin podchaos, each Linux architecture's release asset with its sum, and the binary as kubectl-podchaos")
    func manifest() async throws {
        try await Self.withArtifacts { artifacts, sums in
            try Self.writeSumFiles(sums, in: artifacts)
            let result = try await Self.run([Self.version, artifacts.path])
            #expect(result.status == 0, "\(result.stderr)")
            let manifest = try #require(try Yams.load(yaml: result.stdout) as? [String: Any], "\(result.stdout)")
            #expect(manifest["apiVersion"] as? String == "krew.googlecontainertools.github.com/v1alpha2")
            #expect(manifest["kind"] as? String == "Plugin")
            #expect((manifest["metadata"] as? [String: Any])?["name"] as? String == "podchaos")
            let spec = try #require(manifest["spec"] as? [String: Any])
            #expect(spec["version"] as? String == "v\(Self.version)")
            #expect(spec["homepage"] as? String == "https://github.com/acme/podchaosmonkey")
            #expect((spec["shortDescription"] as? String)?.isEmpty == false)
            let platforms = try #require(spec["platforms"] as? [[String: Any]])
            #expect(platforms.count == 2)
            for (arch, platform) in zip(Self.arches, platforms) {
                let labels = (platform["selector"] as? [String: Any])?["matchLabels"] as? [String: String]
                #expect(labels == ["os": "linux", "arch": arch])
                #expect(
                    platform["uri"] as? String
                        == "https://github.com/acme/podchaosmonkey/releases/download/v\(Self.version)/\(Self.tarball(arch))")
                #expect(platform["sha256"] as? String == sums[Self.tarball(arch)])
                #expect(platform["files"] as? [[String: String]] == [["from": "podchaosmonkey", "to": "kubectl-podchaos"]])
                #expect(platform["bin"] as? String == "kubectl-podchaos")
            }
            // A leading v is the tag's; the manifest is the same.
            #expect(try await Self.run(["v\(Self.version)", artifacts.path]).stdout == result.stdout)
        }
    }

    @Test("Sums from one combined file in binary mode with paths; a binary one directory down is taken from there")
    func combinedSumsAndFolder() async throws {
        try await Self.withArtifacts(folder: "podchaosmonkey-\(Self.version)") { artifacts, sums in
            let lines = sums.sorted { $0.key < $1.key }.map { "\($0.value.uppercased()) *dist/\($0.key)\n" }.joined()
            try Self.write(lines, "SHA256SUMS.sha256", in: artifacts)
            let result = try await Self.run([Self.version, artifacts.path])
            #expect(result.status == 0, "\(result.stderr)")
            let manifest = try #require(try Yams.load(yaml: result.stdout) as? [String: Any])
            let platforms = try #require((manifest["spec"] as? [String: Any])?["platforms"] as? [[String: Any]])
            #expect(platforms.map { $0["sha256"] as? String } == Self.arches.map { sums[Self.tarball($0)] })
            for platform in platforms {
                #expect(
                    platform["files"] as? [[String: String]]
                        == [["from": "podchaosmonkey-\(Self.version)/podchaosmonkey", "to": "kubectl-podchaos"]])
            }
        }
    }

    @Test("Without GITHUB_REPOSITORY, or with one that is not OWNER/REPO, it exits 1 naming it", arguments: [nil, "", "acme", "acme/x y"])
    func repositoryMissing(repository: String?) async throws {
        try await Self.withArtifacts { artifacts, sums in
            try Self.writeSumFiles(sums, in: artifacts)
            let result = try await Self.run([Self.version, artifacts.path], repository: repository)
            Self.expectRefusal(result, naming: "GITHUB_REPOSITORY")
        }
    }

    @Test(
        "A missing, unrecorded or wrong sum, a missing tarball or another version exits 1 naming it",
        arguments: ["wrong sum", "no sum", "no arm64 tarball", "other version", "no binary"])
    func refused(fault: String) async throws {
        try await Self.withArtifacts { artifacts, sums in
            try Self.writeSumFiles(sums, in: artifacts)
            var version = Self.version
            let arm = Self.tarball("arm64")
            let expected: String
            switch fault {
            case "wrong sum":
                try Self.write("\(String(repeating: "0", count: 64))  \(arm)\n", "\(arm).sha256", in: artifacts)
                expected = "\(arm)'s SHA-256 is \(sums[arm]!) but its *.sha256 file says"
            case "no sum":
                try FileManager.default.removeItem(at: artifacts.appendingPathComponent("\(arm).sha256"))
                expected = "no *.sha256 file in \(artifacts.path) has a sum for \(arm)"
            case "no arm64 tarball":
                try FileManager.default.removeItem(at: artifacts.appendingPathComponent(arm))
                expected = "\(arm) is missing"
            case "other version":
                version = "9.9.9"
                expected = "VERSION 9.9.9 is not this checkout's version \(Self.version)"
            default:
                let empty = artifacts.appendingPathComponent("empty")
                try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
                try Self.write("", "README", in: empty)
                let tar = try await CLIRunner.run(
                    ["-czf", artifacts.appendingPathComponent(arm).path, "-C", empty.path, "README"],
                    executable: URL(fileURLWithPath: "/usr/bin/tar"))
                try #require(tar.status == 0, "\(tar.stderr)")
                let sum = try await CLIRunner.run(
                    [artifacts.appendingPathComponent(arm).path], executable: URL(fileURLWithPath: "/usr/bin/sha256sum"))
                try Self.write(sum.stdout.replacingOccurrences(of: artifacts.path + "/", with: ""), "\(arm).sha256", in: artifacts)
                expected = "\(arm) has no podchaosmonkey binary"
            }
            Self.expectRefusal(try await Self.run([version, artifacts.path]), naming: expected)
        }
    }

    static func expectRefusal(_ result: CLIRunner.Result, naming text: String) {
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.isEmpty, "no partial manifest: \(result.stdout)")
        #expect(result.stderr.hasPrefix("krew-manifest: ") && result.stderr.contains(text), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
    }
}
