/// The key type of a generated certificate. ECDSA P-256 is fast to generate; RSA 2048 exercises clients
/// that only handle RSA keys (or PKCS#1 files).
public enum KeyAlgorithm: Sendable {
    case ecdsaP256
    case rsa2048
}
