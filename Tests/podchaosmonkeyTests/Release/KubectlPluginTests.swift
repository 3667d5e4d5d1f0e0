import Foundation
import KubeTesting
import Testing

@testable import podchaosmonkey

/// The binary as the kubectl plugin `kubectl podchaos`: installed as `kubectl-podchaos` on PATH, run through the real
/// kubectl's plugin discovery, it names itself that way in help and usage and exits with the same codes.
// Disabled when /usr/bin/kubectl is missing, unless PODCHAOSMONKEY_REQUIRE_KUBECTL=1 (CI) makes that a failure.
@Suite("kubectl podchaos", .dedicatedThreads, .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"))
struct KubectlPluginTests {
    /// Runs `kubectl podchaos ARGUMENTS` with only a directory holding `kubectl-podchaos` (a symlink to the built
    /// binary) on PATH, so kubectl finds this plugin and no other.
    static func kubectlPodchaos(_ arguments: [String]) async throws -> CLIRunner.Result {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-plugin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(
            at: directory.appendingPathComponent(Invocation.pluginExecutable), withDestinationURL: CLIRunner.binary)
        return try await CLIRunner.run(
            ["podchaos"] + arguments, environment: ["PATH": directory.path], executable: URL(fileURLWithPath: KubectlBinary.path))
    }

    @Test("kubectl podchaos version prints what podchaosmonkey version does")
    func version() async throws {
        let result = try await Self.kubectlPodchaos(["version"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == BuildInfo.line + "\n")
        let json = try await Self.kubectlPodchaos(["version", "-o", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout == (try BuildInfo.json()) + "\n")
    }

    @Test("Help and usage say kubectl podchaos", arguments: [[], ["kill"]])
    func help(command: [String]) async throws {
        let result = try await Self.kubectlPodchaos(command + ["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        let usage = (["kubectl podchaos"] + command).joined(separator: " ")
        #expect(result.stdout.contains("USAGE: \(usage)"), "\(result.stdout)")
        #expect(!result.stdout.contains("USAGE: podchaosmonkey"), "\(result.stdout)")
    }

    @Test("A usage error exits 2 through kubectl, one line pointing at kubectl podchaos's help")
    func usageError() async throws {
        let result = try await Self.kubectlPodchaos(["kill", "--count", "x"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.hasPrefix("podchaosmonkey: "), "\(result.stderr)")
        #expect(result.stderr.contains("(see 'kubectl podchaos kill --help')"), "\(result.stderr)")
    }

    @Test("An unreachable API server exits 4 through kubectl, as without it")
    func apiError() async throws {
        let refusing = try RefusingPort()
        let kubeconfig = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-plugin-\(UUID().uuidString).kubeconfig")
        defer { try? FileManager.default.removeItem(at: kubeconfig) }
        try Data(
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:\(refusing.port)"}}]
            users: [{name: u, user: {token: plugin-token}}]
            contexts: [{name: x, context: {cluster: c, user: u, namespace: demo}}]
            current-context: x
            """.utf8
        ).write(to: kubeconfig)
        let result = try await Self.kubectlPodchaos(["plan", "--kubeconfig", kubeconfig.path, "-n", "demo"])
        withExtendedLifetime(refusing) {}
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("connection refused by 127.0.0.1:\(refusing.port)"), "\(result.stderr)")
    }

    @Test(
        "The invocation name decides the command's name",
        arguments: [
            ("/home/me/.krew/bin/kubectl-podchaos", "kubectl podchaos"), ("kubectl-podchaos", "kubectl podchaos"),
            ("podchaosmonkey", "podchaosmonkey"), ("/usr/local/bin/podchaosmonkey", "podchaosmonkey"),
            ("/tmp/kubectl-podchaos-old", "podchaosmonkey"), ("", "podchaosmonkey"),
        ])
    func commandName(argv0: String, expected: String) {
        #expect(Invocation.commandName(argv0: argv0) == expected)
    }
}
