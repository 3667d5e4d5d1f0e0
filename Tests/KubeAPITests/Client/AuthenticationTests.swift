import Foundation
import KubeTesting
import NIOConcurrencyHelpers
import Testing

@testable import KubeAPI

/// Hands out `token-1`, `token-2`, … : a new one after each `invalidate()`, like a re-run exec plugin.
final class RotatingTokenProvider: CredentialProvider {
    private let generation = NIOLockedValueBox(1)
    var invalidations: Int { generation.withLockedValue { $0 - 1 } }

    func credentials() async throws -> Credentials {
        Credentials(bearerToken: "token-\(generation.withLockedValue { $0 })")
    }

    func invalidate() async {
        generation.withLockedValue { $0 += 1 }
    }
}

@Suite("Authentication headers and 401 handling", .dedicatedThreads)
struct AuthenticationTests {
    @Test("A 401 refreshes provider credentials once and retries with the new token")
    func reauthenticatesOnce() async throws {
        try await ScriptedServer.with { request, _ in
            request.header("Authorization") == "Bearer token-2"
                ? .respond(status: 200, body: configMapJSON)
                : .respond(status: 401, body: #"{"kind":"Status","reason":"Unauthorized","code":401}"#)
        } run: { server in
            let provider = RotatingTokenProvider()
            var config = ClusterConfig.testing(server.url)
            config.credentials = .provider(provider)
            _ = try await withClient(config) { try await $0.get(TestObject.self, name: "cm") }
            #expect(server.requests.map { $0.header("Authorization") } == ["Bearer token-1", "Bearer token-2"])
            #expect(provider.invalidations == 1)
        }
    }

    @Test("A second 401 is reported, not retried forever")
    func persistentUnauthorized() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(
                status: 401,
                body:
                    #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#
            )
        } run: { server in
            var config = ClusterConfig.testing(server.url)
            config.credentials = .provider(RotatingTokenProvider())
            let error = await expectAPIError { try await withClient(config) { try await $0.get(TestObject.self, name: "cm") } }
            #expect(error?.isUnauthorized == true)
            #expect(server.requests.count == 2)
        }
    }

    @Test("Basic credentials are sent when there is no token")
    func basicAuth() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            var config = ClusterConfig.testing(server.url)
            config.credentials = .fixed(Credentials(username: "alice", password: "s3cret"))
            _ = try await withClient(config) { try await $0.get(TestObject.self, name: "cm") }
            #expect(server.requests.first?.header("Authorization") == "Basic " + Data("alice:s3cret".utf8).base64EncodedString())
        }
    }

    @Test("A server URL path prefix is kept in front of every API path")
    func serverPrefix() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let config = ClusterConfig.testing(server.url.appendingPathComponent("k8s/clusters/c-1"))
            _ = try await withClient(config) { try await $0.get(TestObject.self, name: "cm") }
            #expect(server.requests.first?.path == "/k8s/clusters/c-1/api/v1/namespaces/demo/configmaps/cm")
        }
    }
}
