import Foundation
import Testing

@testable import KubeAPI

/// A minimal namespaced object for transport tests, so they do not depend on the real resource types.
struct TestObject: KubernetesObject, Equatable {
    static let resource = ResourceDescriptor(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    var apiVersion: String? = "v1"
    var kind: String? = "ConfigMap"
    var metadata: ObjectMeta
    var data: [String: String]?
}

extension ClusterConfig {
    /// A configuration pointing at a test server with a fixed bearer token.
    static func testing(_ url: URL, token: String? = "test-token", namespace: String = "demo") -> ClusterConfig {
        ClusterConfig(
            server: url, namespace: namespace, credentials: token.map { .fixed(Credentials(bearerToken: $0)) } ?? .none,
            origin: "test server")
    }
}

extension ClientOptions {
    /// Fast retries so tests that exercise them stay quick; long connect and read timeouts so that a loaded CI
    /// machine never turns a slow handshake or answer into a failure or a retry the test did not ask for (a TLS
    /// handshake took over 2 s while every suite started at once on 2 cores).
    /// `clock` times the retry waits: a test of them passes a `SteppingClock` and drives it.
    static func testing(
        maxAttempts: Int = 4, requestTimeout: Duration = .seconds(60), clock: any Clock<Duration> = ContinuousClock()
    ) -> ClientOptions {
        ClientOptions(
            qps: 0, connectTimeout: .seconds(30), requestTimeout: requestTimeout,
            retry: RetryPolicy(maxAttempts: maxAttempts, initialDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
            clock: clock)
    }
}

/// `KubernetesClient.withKubernetesClient` with the options these tests use unless they say otherwise.
func withClient<R>(
    _ config: ClusterConfig, options: ClientOptions = .testing(), _ body: (KubernetesClient) async throws -> R
) async throws -> R {
    try await KubernetesClient.withKubernetesClient(config: config, options: options, body)
}

let configMapJSON =
    #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"demo","resourceVersion":"7"},"data":{"k":"v"}}"#

/// The `KubeAPIError` that `body` throws; records an issue when it throws nothing or something else.
func expectAPIError<T>(
    _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> KubeAPIError? {
    do {
        _ = try await body()
        Issue.record("expected a KubeAPIError, but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as KubeAPIError {
        return error
    } catch {
        Issue.record("expected a KubeAPIError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
