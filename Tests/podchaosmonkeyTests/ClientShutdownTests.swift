import Foundation
import KubeAPI
import Testing

@testable import podchaosmonkey

/// The commands' client is shut down before they return, whether their work succeeded or failed: no task is left to
/// do it after the process may already have exited.
@Suite("GlobalOptions.withClient")
struct ClientShutdownTests {
    struct Failure: Error {}

    static func options() throws -> (GlobalOptions, URL) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubeconfig-\(UUID().uuidString).yaml")
        try """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """.write(to: file, atomically: true, encoding: .utf8)
        return (try GlobalOptions.parse(["--kubeconfig", file.path]), file)
    }

    @Test("After the body returns, the client is already shut down")
    func afterSuccess() async throws {
        let (global, file) = try Self.options()
        defer { try? FileManager.default.removeItem(at: file) }
        let client = try await global.withClient { $0 }
        await #expect(throws: (any Error).self, "a second shutdown fails: the first one has run") { try await client.shutdown() }
    }

    @Test("After the body throws, the client is already shut down and the body's error is rethrown")
    func afterFailure() async throws {
        let (global, file) = try Self.options()
        defer { try? FileManager.default.removeItem(at: file) }
        let used = Used()
        await #expect(throws: Failure.self) {
            try await global.withClient { client in
                await used.set(client)
                throw Failure()
            }
        }
        let client = try #require(await used.client)
        await #expect(throws: (any Error).self, "a second shutdown fails: the first one has run") { try await client.shutdown() }
    }

    actor Used {
        var client: KubernetesClient?
        func set(_ client: KubernetesClient) { self.client = client }
    }
}
