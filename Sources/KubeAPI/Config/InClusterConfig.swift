import Foundation
import NIOSSL

/// Configuration for a pod talking to its own cluster: the service environment variables and the mounted service
/// account (token, CA bundle, namespace).
public enum InClusterConfig {
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// True when the Kubernetes service variables a pod receives are set.
    public static func isAvailable(environment: [String: String]) -> Bool {
        environment["KUBERNETES_SERVICE_HOST"]?.isEmpty == false && environment["KUBERNETES_SERVICE_PORT"]?.isEmpty == false
    }

    /// - Parameters:
    ///   - tokenRefreshInterval: projected tokens rotate, so the token is re-read this often (and after `invalidate()`).
    ///   - now: the clock the token cache uses.
    public static func load(
        environment: [String: String],
        serviceAccountDirectory: String = defaultServiceAccountDirectory,
        tokenRefreshInterval: TimeInterval = 60,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> ClusterConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw ConfigError.inCluster(nil, "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set")
        }
        let bracketedHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let portNumber = Int(port), (1...65535).contains(portNumber),
            let server = URL(string: "https://\(bracketedHost):\(portNumber)")
        else {
            throw ConfigError.inCluster(
                nil,
                "KUBERNETES_SERVICE_HOST \(EchoedText.quoted(host)) and KUBERNETES_SERVICE_PORT \(EchoedText.quoted(port)) do not form a URL"
            )
        }
        let directory = URL(fileURLWithPath: serviceAccountDirectory, isDirectory: true)
        let tokenPath = directory.appendingPathComponent("token").path
        let caPath = directory.appendingPathComponent("ca.crt").path
        let namespacePath = directory.appendingPathComponent("namespace").path

        if case .failure(let problem) = TokenFileProvider.token(at: tokenPath) {
            throw ConfigError.inCluster(tokenPath, "service account token \(tokenPath) \(problem)")
        }
        // Without the CA there is no way to verify the API server; never fall back to skipping verification.
        let authority: [UInt8]
        switch ConfigFiles.read(caPath) {
        case .success(let bytes): authority = bytes
        case .failure(let problem): throw ConfigError.inCluster(caPath, "service account CA bundle \(caPath) \(problem)")
        }
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(authority), !certificates.isEmpty else {
            throw ConfigError.inCluster(caPath, "service account CA bundle \(caPath) is not a PEM certificate")
        }
        var namespace = "default"
        if case .success(let bytes) = ConfigFiles.read(namespacePath) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { namespace = text }
        }
        return ClusterConfig(
            server: server, certificateAuthorityPEM: authority, namespace: namespace,
            credentials: .provider(TokenFileProvider(path: tokenPath, refreshInterval: tokenRefreshInterval, now: now)),
            origin: "in-cluster service account")
    }
}
