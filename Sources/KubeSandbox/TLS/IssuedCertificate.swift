/// A certificate with its private key, all PEM text, ready to write into a kubeconfig or load into NIOSSL.
public struct IssuedCertificate: Sendable {
    public let certificatePEM: String
    /// PKCS#8 (`BEGIN PRIVATE KEY`).
    public let privateKeyPEM: String
    /// PKCS#1 (`BEGIN RSA PRIVATE KEY`) for RSA, SEC1 (`BEGIN EC PRIVATE KEY`) for EC, as older tools expect.
    public let legacyPrivateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String, legacyPrivateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.legacyPrivateKeyPEM = legacyPrivateKeyPEM
    }
}
