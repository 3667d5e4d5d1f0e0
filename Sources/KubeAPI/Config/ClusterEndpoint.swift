import Foundation

/// The validated connection settings of a kubeconfig cluster: server URL, trusted CA and proxy.
///
/// A plain `http://` server is accepted only on a loopback host, unless `allowInsecureHTTP`: anywhere else requests
/// and their credentials would cross a network unencrypted.
struct ClusterEndpoint {
    var server: URL
    var certificateAuthorityPEM: [UInt8]?
    var proxyURL: URL?

    static let proxySchemes: Set<String> = ["http", "https", "socks5"]

    init(_ cluster: KubeconfigFile.Cluster, allowInsecureHTTP: Bool) throws {
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
        if scheme == "http", !allowInsecureHTTP, !Self.isLoopback(host: server.host ?? "") {
            throw ConfigError.insecureHTTP(cluster.file, cluster: cluster.name, server: Self.displayed(server))
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

    /// `localhost`, an address in 127.0.0.0/8, or `::1` (also as `::ffff:127.x.x.x`): the host never leaves this machine.
    static func isLoopback(host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, bare, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        let mappedV4 = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
        return (bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1) || (mappedV4 && bytes[12] == 127)
    }

    /// `server` as errors show it: scheme, host, port and path, never user info or a query.
    static func displayed(_ server: URL) -> String {
        guard var components = URLComponents(url: server, resolvingAgainstBaseURL: false) else { return server.host ?? "" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? server.host ?? ""
    }

    func execInfo(_ cluster: KubeconfigFile.Cluster) -> ExecClusterInfo {
        ExecClusterInfo(
            server: server.absoluteString, tlsServerName: cluster.tlsServerName, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            certificateAuthorityData: certificateAuthorityPEM, proxyURL: proxyURL?.absoluteString, configJSON: cluster.execExtensionJSON)
    }
}
