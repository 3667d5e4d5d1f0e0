import NIOSSL

/// Builds the TLS configuration kubectl would use for a cluster: trust exactly the configured CA, present the
/// client certificate when there is one, and skip verification only when the kubeconfig says so.
enum TransportSecurity {
    static func tlsConfiguration(for config: ClusterConfig, credentials: Credentials?) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        // Closing a connection waits this long at most for the server's close_notify: the client only closes once it
        // has read what it asked for, and a server that never answers (a watch stream being written) must not hold
        // up the process's exit by NIO SSL's default 5 s per connection.
        tls.shutdownTimeout = .milliseconds(500)
        if config.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let caPEM = config.certificateAuthorityPEM {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(caPEM)
            } catch {
                throw KubeAPIError.configuration("\(config.origin): certificate authority is not valid PEM: \(error)")
            }
            guard !roots.isEmpty else {
                throw KubeAPIError.configuration("\(config.origin): certificate authority holds no certificate")
            }
            // Exactly these roots, not the system's as well: a kubeconfig CA pins the cluster, as in kubectl.
            tls.trustRoots = .certificates(roots)
        }
        if let credentials, let certPEM = credentials.clientCertificatePEM, let keyPEM = credentials.clientKeyPEM {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certPEM).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: keyPEM, format: .pem))
            } catch {
                throw KubeAPIError.configuration("\(config.origin): client certificate or key is not valid PEM: \(error)")
            }
        }
        return tls
    }
}
