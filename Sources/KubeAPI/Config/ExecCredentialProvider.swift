import Foundation

/// Credentials from a client-go exec plugin (client.authentication.k8s.io/v1 or v1beta1).
///
/// The result is cached until shortly before its `expirationTimestamp` (forever when it has none) or until `invalidate()`;
/// concurrent callers share a single plugin run.
public actor ExecCredentialProvider: CredentialProvider {
    private let plugin: ExecPlugin
    private let refreshMargin: TimeInterval
    private let now: @Sendable () -> Date
    /// Credentials from the kubeconfig user itself (e.g. a client certificate) that the plugin's answer does not replace.
    private let base: Credentials
    private var cached: ExecCredential?
    private var inFlight: Task<ExecCredential, any Error>?

    /// - Parameters:
    ///   - environment: the environment the plugin inherits (and whose `PATH` finds a bare command name).
    ///   - refreshMargin: how long before `expirationTimestamp` the plugin is run again.
    public init(
        config: ExecConfig,
        cluster: ExecClusterInfo? = nil,
        environment: [String: String],
        timeout: Duration = .seconds(60),
        refreshMargin: TimeInterval = 10,
        base: Credentials = Credentials(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.plugin = ExecPlugin(config: config, cluster: cluster, environment: environment, timeout: timeout)
        self.refreshMargin = refreshMargin
        self.now = now
        self.base = base
    }

    public func credentials() async throws -> Credentials {
        if let cached, isFresh(cached) { return merged(cached) }
        if let inFlight { return merged(try await inFlight.value) }
        let plugin = self.plugin
        let task = Task { try await plugin.run() }
        inFlight = task
        let result: ExecCredential
        do {
            result = try await task.value
        } catch {
            if inFlight == task { inFlight = nil }
            throw error
        }
        if inFlight == task {
            inFlight = nil
            cached = result
        }
        return merged(result)
    }

    public func invalidate() {
        cached = nil
    }

    private func isFresh(_ credential: ExecCredential) -> Bool {
        guard let expiry = credential.expiration else { return true }
        return now() < expiry.addingTimeInterval(-refreshMargin)
    }

    private func merged(_ credential: ExecCredential) -> Credentials {
        var result = base
        if let token = credential.token { result.bearerToken = token }
        if let certificate = credential.clientCertificatePEM, let key = credential.clientKeyPEM {
            result.clientCertificatePEM = certificate
            result.clientKeyPEM = key
        }
        return result
    }
}
