import KubeSandbox
import NIOSSL
import Testing

@Suite struct CertificateAuthorityTests {
    static let algorithms: [KeyAlgorithm] = [.ecdsaP256, .rsa2048]

    @Test(arguments: algorithms)
    func caCertificateLoadsInNIOSSL(algorithm: KeyAlgorithm) throws {
        let authority = try CertificateAuthority.generate(algorithm: algorithm)
        let certificates = try NIOSSLCertificate.fromPEMBytes(Array(authority.certificatePEM.utf8))
        #expect(certificates.count == 1)
    }

    @Test(arguments: algorithms, algorithms)
    func serverCertificateAndBothKeyFormsLoad(caAlgorithm: KeyAlgorithm, leafAlgorithm: KeyAlgorithm) throws {
        let authority = try CertificateAuthority.generate(algorithm: caAlgorithm)
        let issued = try authority.issueServerCertificate(
            dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"], algorithm: leafAlgorithm)
        try expectLoadable(issued)
        let legacyLabel = leafAlgorithm == .rsa2048 ? "RSA PRIVATE KEY" : "EC PRIVATE KEY"
        #expect(issued.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(issued.legacyPrivateKeyPEM.hasPrefix("-----BEGIN \(legacyLabel)-----"))
    }

    @Test(arguments: algorithms)
    func clientCertificateLoads(algorithm: KeyAlgorithm) throws {
        let authority = try CertificateAuthority.generate()
        let issued = try authority.issueClientCertificate(
            commonName: "chaos", organizations: ["system:masters"], algorithm: algorithm)
        try expectLoadable(issued)
    }

    @Test func serverCertificateRejectsAnAddressThatIsNotOne() throws {
        let authority = try CertificateAuthority.generate()
        #expect(throws: SandboxError.self) {
            try authority.issueServerCertificate(dnsNames: [], ipAddresses: ["not-an-ip"])
        }
    }

    @Test func eachAuthorityIsDistinct() throws {
        let first = try CertificateAuthority.generate()
        let second = try CertificateAuthority.generate()
        #expect(first.certificatePEM != second.certificatePEM)
    }

    private func expectLoadable(_ issued: IssuedCertificate) throws {
        let certificates = try NIOSSLCertificate.fromPEMBytes(Array(issued.certificatePEM.utf8))
        #expect(certificates.count == 1)
        _ = try NIOSSLPrivateKey(bytes: Array(issued.privateKeyPEM.utf8), format: .pem)
        _ = try NIOSSLPrivateKey(bytes: Array(issued.legacyPrivateKeyPEM.utf8), format: .pem)
    }
}
