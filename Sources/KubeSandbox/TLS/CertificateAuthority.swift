import Crypto
import Foundation
import X509
import _CryptoExtras

/// A throw-away certificate authority: the sandbox's root of trust, written into kubeconfigs as
/// `certificate-authority-data`, that signs the serving certificate and any client certificates.
public struct CertificateAuthority: Sendable {
    private let certificate: Certificate
    private let key: GeneratedKey
    public let certificatePEM: String

    private init(certificate: Certificate, key: GeneratedKey) throws {
        self.certificate = certificate
        self.key = key
        self.certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
    }

    public static func generate(commonName: String = "podchaosmonkey-sandbox-ca", algorithm: KeyAlgorithm = .ecdsaP256) throws
        -> CertificateAuthority
    {
        let key = try GeneratedKey.generate(algorithm)
        let name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.certificateKey.publicKey,
            // Backdated so a client whose clock is slightly behind still accepts it.
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(10 * 365 * 24 * 3600),
            issuer: name,
            subject: name,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: key.certificateKey)
        return try CertificateAuthority(certificate: certificate, key: key)
    }

    /// A serving certificate for the given names; IP addresses go in as IP SANs, which Go's TLS requires for `https://127.0.0.1`.
    public func issueServerCertificate(dnsNames: [String], ipAddresses: [String], algorithm: KeyAlgorithm = .ecdsaP256) throws
        -> IssuedCertificate
    {
        let subjectName = try DistinguishedName { CommonName(dnsNames.first ?? ipAddresses.first ?? "sandbox") }
        let alternativeNames = try SubjectAlternativeNameEncoder.extensionValue(dnsNames: dnsNames, ipAddresses: ipAddresses)
        return try issue(
            subject: subjectName, algorithm: algorithm, usage: .serverAuth,
            extra: Certificate.Extension(oid: .X509ExtensionID.subjectAlternativeName, critical: false, value: alternativeNames[...]))
    }

    /// A client certificate; the API server reads the user from the common name and groups from the organizations.
    public func issueClientCertificate(commonName: String, organizations: [String] = [], algorithm: KeyAlgorithm = .ecdsaP256) throws
        -> IssuedCertificate
    {
        let subjectName = try DistinguishedName {
            for organization in organizations { OrganizationName(organization) }
            CommonName(commonName)
        }
        return try issue(subject: subjectName, algorithm: algorithm, usage: .clientAuth, extra: nil)
    }

    private func issue(
        subject: DistinguishedName, algorithm: KeyAlgorithm, usage: ExtendedKeyUsage.Usage, extra: Certificate.Extension?
    ) throws -> IssuedCertificate {
        let leafKey = try GeneratedKey.generate(algorithm)
        let now = Date()
        var extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: algorithm == .rsa2048))
            try ExtendedKeyUsage([usage])
        }
        if let extra { try extensions.append(extra) }
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: leafKey.certificateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(365 * 24 * 3600),
            issuer: certificate.subject,
            subject: subject,
            extensions: extensions,
            issuerPrivateKey: key.certificateKey)
        return IssuedCertificate(
            certificatePEM: try leaf.serializeAsPEM().pemString + "\n", privateKeyPEM: leafKey.pkcs8PEM,
            legacyPrivateKeyPEM: leafKey.legacyPEM)
    }
}
