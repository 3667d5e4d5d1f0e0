import Foundation
import KubeAPI
import KubeTesting
import Testing

/// `podchaosmonkey sandbox` as a process: RBAC, a fault plan and service-account tokens from its flags.
@Suite(.dedicatedThreads) struct SandboxCommandTests {
    static let manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: chaos, namespace: demo}
        rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: chaos, namespace: demo}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: chaos}
        subjects: [{kind: ServiceAccount, name: chaos, namespace: demo}]
        """

    static let faults = """
        rules:
        - {verb: list, path: /api/v1/namespaces/demo/pods, times: 1, action: {status: 503}}
        """

    /// A scratch directory under the system temp directory, removed by the caller.
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("--rbac, --faults and --print-token shape the served API")
    func flagsTakeEffect() async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = directory.appendingPathComponent("demo.yaml")
        let plan = directory.appendingPathComponent("faults.yaml")
        let output = directory.appendingPathComponent("stdout")
        try Data(Self.manifest.utf8).write(to: manifest)
        try Data(Self.faults.utf8).write(to: plan)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = [
            "sandbox", "--http", "--rbac", "--load", manifest.path, "--faults", plan.path, "--print-token", "demo/chaos",
            "--kubeconfig-out", directory.appendingPathComponent("kubeconfig").path,
        ]
        process.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var text = ""
        _ = try await eventuallyHolds {
            text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            return text.contains("Press Ctrl-C") || !process.isRunning
        }
        let lines = text.split(separator: "\n")
        let serving = try #require(lines.first { $0.hasPrefix("podchaosmonkey sandbox serving ") })
        let url = try #require(URL(string: String(serving.dropFirst("podchaosmonkey sandbox serving ".count))))
        let prefix = "token for system:serviceaccount:demo:chaos: "
        let token = try #require(lines.first { $0.hasPrefix(prefix) }).dropFirst(prefix.count)
        let config = ClusterConfig(server: url, namespace: "demo", credentials: .fixed(Credentials(bearerToken: String(token))))
        do {
            try await KubernetesClient.withKubernetesClient(config: config, options: ClientOptions(qps: 0, retry: .none)) { client throws in
                // The plan's one 503, then the Role's grant; RBAC refuses what the Role does not name.
                await #expect(throws: KubeAPIError.self) { try await client.list(Pod.self) }
                #expect(try await client.list(Pod.self).items.isEmpty)
                let refused = await #expect(throws: KubeAPIError.self) { try await client.list(Pod.self, namespace: "kube-system") }
                #expect(refused?.isForbidden == true)
            }
        } catch {
            Issue.record(error)
        }
    }

    @Test(
        "A bad --faults file or --print-token value stops the command with the culprit named",
        arguments: [
            (["--faults", "FAULTS"], "fault rule 0"), (["--faults", "/no/such/file.yaml"], "/no/such/file.yaml"),
            (["--print-token", "just-a-name"], "--print-token"),
        ])
    func badFlags(arguments: [String], culprit: String) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("faults.yaml")
        try Data("rules: [{verb: fly, action: restart}]".utf8).write(to: plan)
        let result = try await CLIRunner.run(["sandbox", "--http"] + arguments.map { $0 == "FAULTS" ? plan.path : $0 })
        #expect(result.status != 0)
        #expect(result.stderr.contains(culprit), "\(result.stderr)")
    }
}
