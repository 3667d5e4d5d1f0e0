import Foundation

/// The validated connection settings of a kubeconfig cluster: server URL, trusted CA and proxy.
struct ClusterEndpoint {
    var server: URL
    var certificateAuthorityPEM: [UInt8]?
    var proxyURL: URL?

    static let proxySchemes: Set<String> = ["http", "https", "socks5"]

    init(_ cluster: KubeconfigFile.Cluster) throws {
        let field = "clusters[\(cluster.name)]"
        func invalid(_ suffix: String, _ problem: String) -> ConfigError {
            ConfigError.invalidField(cluster.file, field: field + suffix, problem: problem)
        }
        guard let rawServer = cluster.server?.trimmingCharacters(in: .whitespaces), !rawServer.isEmpty else {
            throw ConfigError.missingEntry(cluster.file, field: field + ".server", message: "\(field) has no server")
        }
        // kubectl accepts `host:port` and assumes https.
        let withScheme = rawServer.contains("://") ? rawServer : "https://" + rawServer
        guard let server = URL(string: withScheme), let scheme = server.scheme?.lowercased(), ["http", "https"].contains(scheme),
            server.host?.isEmpty == false
        else {
            throw invalid(".server", "\(EchoedText.quoted(rawServer)) is not an http(s) URL")
        }
        self.server = server

        let authority = try PEMMaterial.pick(
            file: cluster.certificateAuthority, data: cluster.certificateAuthorityData, fileField: "certificate-authority",
            owner: field, kubeconfig: cluster.file)
        if let authority {
            if cluster.insecureSkipTLSVerify {
                throw invalid("", "sets insecure-skip-tls-verify together with a certificate authority; keep one")
            }
            try PEMMaterial.validateCertificate(authority)
        }
        certificateAuthorityPEM = authority?.bytes

        if let rawProxy = cluster.proxyURL, !rawProxy.isEmpty {
            guard let proxy = URL(string: rawProxy), let scheme = proxy.scheme?.lowercased(), Self.proxySchemes.contains(scheme),
                proxy.host?.isEmpty == false
            else {
                throw invalid(".proxy-url", "\(EchoedText.quoted(rawProxy)) must be an http, https or socks5 URL")
            }
            proxyURL = proxy
        }
    }

    func execInfo(_ cluster: KubeconfigFile.Cluster) -> ExecClusterInfo {
        ExecClusterInfo(
            server: server.absoluteString, tlsServerName: cluster.tlsServerName, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            certificateAuthorityData: certificateAuthorityPEM, proxyURL: proxyURL?.absoluteString, configJSON: cluster.execExtensionJSON)
    }
}
