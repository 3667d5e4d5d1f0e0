import KubeSandbox
import NIOSSL

/// Certificates for TLS tests, generated in-process: a cluster CA with a serving certificate and client certificates.
struct TestPKI {
    let ca: CertificateAuthority
    let server: IssuedCertificate

    init(serverDNSNames: [String] = ["localhost"], serverIPs: [String] = ["127.0.0.1"]) throws {
        ca = try CertificateAuthority.generate(commonName: "test-cluster-ca")
        server = try ca.issueServerCertificate(dnsNames: serverDNSNames, ipAddresses: serverIPs)
    }

    var caPEM: [UInt8] { Array(ca.certificatePEM.utf8) }

    /// Server TLS; with `requireClientCertificates`, only clients presenting a certificate from this CA get through.
    func serverTLS(requireClientCertificates: Bool = false) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(server.certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(server.privateKeyPEM.utf8), format: .pem)))
        if requireClientCertificates {
            tls.certificateVerification = .noHostnameVerification
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(caPEM))
        }
        return tls
    }
}
