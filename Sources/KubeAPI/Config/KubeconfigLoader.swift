import Foundation
import NIOSSL

/// Turns kubeconfig files into a `ClusterConfig` following kubectl's rules: merge, pick the context, validate the
/// cluster and user it names, read the files they reference, and set up token-file or exec-plugin credentials.
public struct KubeconfigLoader: Sendable {
    /// The environment exec plugins inherit and search `PATH` in.
    public var environment: [String: String]
    public var execTimeout: Duration
    public var tokenRefreshInterval: TimeInterval
    /// Accept a plain `http://` server on a host that is not loopback (`--allow-insecure-http`); loopback is always
    /// accepted.
    public var allowInsecureHTTP: Bool

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        execTimeout: Duration = .seconds(60),
        tokenRefreshInterval: TimeInterval = 60,
        allowInsecureHTTP: Bool = false
    ) {
        self.environment = environment
        self.execTimeout = execTimeout
        self.tokenRefreshInterval = tokenRefreshInterval
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    /// Loads `paths` in order. With `skipMissing` (a `KUBECONFIG` list) files that do not exist are skipped, as kubectl
    /// does; otherwise (`--kubeconfig`) a missing file is an error. `context` overrides `current-context`.
    public func load(paths: [String], context: String? = nil, skipMissing: Bool = false) throws -> ClusterConfig {
        let present = skipMissing ? paths.filter { FileManager.default.fileExists(atPath: $0) } : paths
        let merged = KubeconfigMerge(try present.map(KubeconfigFile.load))
        return try build(merged, contextOverride: context)
    }

    /// Parses kubeconfig text, for callers that already hold it; `path` names it in errors and anchors relative paths.
    public func load(text: String, path: String, context: String? = nil) throws -> ClusterConfig {
        try build(KubeconfigMerge([try KubeconfigFile.parse(text, path: path)]), contextOverride: context)
    }

    func build(_ merged: KubeconfigMerge, contextOverride: String?) throws -> ClusterConfig {
        let label = merged.label
        let contextName: String
        if let contextOverride, !contextOverride.isEmpty {
            contextName = contextOverride
        } else if let current = merged.currentContext {
            contextName = current
        } else {
            throw ConfigError.noCurrentContext(label)
        }
        guard let context = merged.contexts[contextName] else {
            let source =
                contextOverride?.isEmpty == false
                ? "context \(EchoedText.quoted(contextName)) (from --context)" : "current-context \(EchoedText.quoted(contextName))"
            throw ConfigError.missingEntry(label, field: "current-context", message: "\(source) is not defined")
        }
        guard let clusterName = context.cluster, !clusterName.isEmpty else {
            throw ConfigError.missingEntry(
                context.file, field: "contexts[\(contextName)].cluster",
                message: "context \(EchoedText.quoted(contextName)) names no cluster")
        }
        guard let cluster = merged.clusters[clusterName] else {
            throw ConfigError.missingEntry(
                context.file, field: "contexts[\(contextName)].cluster",
                message: "context \(EchoedText.quoted(contextName)) names cluster \(EchoedText.quoted(clusterName)), which is not defined")
        }
        guard let userName = context.user, !userName.isEmpty else {
            throw ConfigError.missingEntry(
                context.file, field: "contexts[\(contextName)].user", message: "context \(EchoedText.quoted(contextName)) names no user")
        }
        guard let user = merged.users[userName] else {
            throw ConfigError.missingEntry(
                context.file, field: "contexts[\(contextName)].user",
                message: "context \(EchoedText.quoted(contextName)) names user \(EchoedText.quoted(userName)), which is not defined")
        }
        let endpoint = try ClusterEndpoint(cluster, allowInsecureHTTP: allowInsecureHTTP)
        let credentials = try credentialSource(user, cluster: endpoint.execInfo(cluster))
        let namespace = context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ClusterConfig(
            server: endpoint.server, certificateAuthorityPEM: endpoint.certificateAuthorityPEM,
            insecureSkipTLSVerify: cluster.insecureSkipTLSVerify, tlsServerName: cluster.tlsServerName,
            proxyURL: endpoint.proxyURL, namespace: namespace, credentials: credentials,
            origin: "kubeconfig \(context.file), context \(EchoedText.quoted(contextName))")
    }

    /// kubectl allows one of token and basic auth; a client certificate may accompany either, and an exec plugin may
    /// add to what the user sets.
    private func credentialSource(_ user: KubeconfigFile.User, cluster: ExecClusterInfo) throws -> CredentialSource {
        let field = "users[\(user.name)]"
        func invalid(_ suffix: String, _ problem: String) -> ConfigError {
            ConfigError.invalidField(user.file, field: field + suffix, problem: problem)
        }
        var methods: [String] = []
        if user.token?.isEmpty == false || user.tokenFile?.isEmpty == false { methods.append("token") }
        if user.username?.isEmpty == false || user.password?.isEmpty == false { methods.append("username/password") }
        if methods.count > 1 {
            throw invalid("", "sets more than one authentication method (\(methods.joined(separator: ", "))); keep one")
        }
        if user.hasAuthProvider {
            throw invalid(".auth-provider", "is not supported (kubectl removed auth providers); use an exec plugin")
        }
        var base = Credentials(
            bearerToken: user.token.flatMap { $0.isEmpty ? nil : $0 }, username: user.username, password: user.password)
        let certificate = try PEMMaterial.pick(
            file: user.clientCertificate, data: user.clientCertificateData, fileField: "client-certificate", owner: field,
            kubeconfig: user.file)
        let key = try PEMMaterial.pick(
            file: user.clientKey, data: user.clientKeyData, fileField: "client-key", owner: field, kubeconfig: user.file)
        switch (certificate, key) {
        case (let certificate?, let key?):
            try PEMMaterial.validateCertificate(certificate)
            try PEMMaterial.validateKey(key)
            base.clientCertificatePEM = certificate.bytes
            base.clientKeyPEM = key.bytes
        case (.some, nil):
            throw invalid("", "sets a client certificate but no client-key or client-key-data")
        case (nil, .some):
            throw invalid("", "sets a client key but no client-certificate or client-certificate-data")
        case (nil, nil):
            break
        }
        if let exec = user.exec {
            return .provider(
                ExecCredentialProvider(
                    config: exec, cluster: cluster, environment: environment, timeout: execTimeout, base: base))
        }
        if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            // kubectl reads the file when it loads the config, so an unreadable one is a configuration error.
            if case .failure(let problem) = TokenFileProvider.token(at: tokenFile) {
                throw invalid(".tokenFile", "\(tokenFile) \(problem)")
            }
            return .provider(TokenFileProvider(path: tokenFile, refreshInterval: tokenRefreshInterval, base: base))
        }
        if base == Credentials() { return .none }
        return .fixed(base)
    }
}
