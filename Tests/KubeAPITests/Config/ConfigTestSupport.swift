import Crypto
import Foundation
import KubeAPI
import Synchronization
import Testing
import X509
import _CryptoExtras

/// A fresh directory under the system temp directory, removed by `remove()`.
struct TempDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("config-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ contents: String, executable: Bool = false) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        let parent = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Real PEM material generated per run, so the tests exercise NIOSSL's parsers rather than canned strings.
enum TestPEM {
    static func certificate() throws -> String {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("config-tests") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(3600), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(), issuerPrivateKey: Certificate.PrivateKey(key))
        return try certificate.serializeAsPEM().pemString
    }

    enum KeyKind: String, CaseIterable, CustomTestStringConvertible {
        case rsaPKCS1
        case rsaPKCS8
        case ecPKCS8
        case ecSEC1

        var testDescription: String { rawValue }
    }

    static func privateKey(_ kind: KeyKind) throws -> String {
        switch kind {
        case .rsaPKCS1: return try _RSA.Signing.PrivateKey(keySize: .bits2048).pemRepresentation
        case .rsaPKCS8: return try _RSA.Signing.PrivateKey(keySize: .bits2048).pkcs8PEMRepresentation
        case .ecPKCS8: return P256.Signing.PrivateKey().pemRepresentation
        case .ecSEC1: return sec1(P256.Signing.PrivateKey())
        }
    }

    /// RFC 5915 `ECPrivateKey` DER ("EC PRIVATE KEY"), which swift-crypto does not emit. Every length is fixed for P-256.
    private static func sec1(_ key: P256.Signing.PrivateKey) -> String {
        let p256OID: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
        var der: [UInt8] = [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20] + Array(key.rawRepresentation)
        der += [0xA0, 0x0A] + p256OID
        der += [0xA1, 0x44, 0x03, 0x42, 0x00] + Array(key.publicKey.x963Representation)
        let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN EC PRIVATE KEY-----\n\(body)\n-----END EC PRIVATE KEY-----\n"
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_900_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    var closure: @Sendable () -> Date { { self.now } }
}

extension CredentialSource {
    /// The credentials this source yields now, fetching from a provider if needed.
    func current() async throws -> Credentials? {
        switch self {
        case .none: return nil
        case .fixed(let credentials): return credentials
        case .provider(let provider): return try await provider.credentials()
        }
    }
}

/// The environment a test plugin runs in: enough PATH for /bin/sh utilities, nothing from the developer's shell.
let pluginEnvironment = ["PATH": "/usr/bin:/bin"]
