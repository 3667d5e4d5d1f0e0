import Crypto
import X509
import _CryptoExtras

/// A freshly generated private key in the forms certificates and PEM files need.
struct GeneratedKey: Sendable {
    let certificateKey: Certificate.PrivateKey
    let pkcs8PEM: String
    let legacyPEM: String

    static func generate(_ algorithm: KeyAlgorithm) throws -> GeneratedKey {
        switch algorithm {
        case .ecdsaP256:
            let key = P256.Signing.PrivateKey()
            return GeneratedKey(
                certificateKey: Certificate.PrivateKey(key), pkcs8PEM: key.pemRepresentation,
                legacyPEM: DEREncoder.pem(label: "EC PRIVATE KEY", der: sec1DER(key)))
        case .rsa2048:
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            return GeneratedKey(
                certificateKey: Certificate.PrivateKey(key), pkcs8PEM: key.pkcs8PEMRepresentation,
                legacyPEM: key.pemRepresentation)
        }
    }

    /// RFC 5915 ECPrivateKey: version 1, the scalar, the curve OID and the public point.
    private static func sec1DER(_ key: P256.Signing.PrivateKey) -> [UInt8] {
        let prime256v1OID: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        let publicPoint = [UInt8](key.publicKey.x963Representation)
        return DEREncoder.sequence([
            [0x02, 0x01, 0x01],
            DEREncoder.element(tag: 0x04, [UInt8](key.rawRepresentation)),
            DEREncoder.element(tag: 0xA0, prime256v1OID),
            DEREncoder.element(tag: 0xA1, DEREncoder.element(tag: 0x03, [0x00] + publicPoint)),
        ])
    }
}
