import Foundation
import KubeAPI
import Testing

@Suite("In-cluster configuration")
struct InClusterConfigTests {
    /// A fake service account mount with a token, a CA bundle and optionally a namespace file.
    static func serviceAccount(namespace: String? = "chaos-ns", withCA: Bool = true) throws -> TempDirectory {
        let directory = try TempDirectory()
        try directory.write("token", "token-one\n")
        if withCA { try directory.write("ca.crt", try TestPEM.certificate()) }
        if let namespace { try directory.write("namespace", namespace) }
        return directory
    }

    @Test(arguments: [
        ("10.96.0.1", "443", "https://10.96.0.1:443"),
        ("fd00:10:96::1", "6443", "https://[fd00:10:96::1]:6443"),
        ("kubernetes.default.svc", "443", "https://kubernetes.default.svc:443"),
    ])
    func serverURLFromServiceEnvironment(host: String, port: String, expected: String) throws {
        let directory = try Self.serviceAccount()
        defer { directory.remove() }
        let environment = ["KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": port]
        let config = try InClusterConfig.load(environment: environment, serviceAccountDirectory: directory.path)
        #expect(config.server.absoluteString == expected)
        #expect(config.server.host != nil)
        #expect(config.origin == "in-cluster service account")
        #expect(config.insecureSkipTLSVerify == false)
        #expect(config.certificateAuthorityPEM == Array(try String(contentsOfFile: directory.file("ca.crt"), encoding: .utf8).utf8))
    }

    @Test(arguments: [(String?.some("chaos-ns"), "chaos-ns"), (nil, "default"), ("  \n", "default")])
    func namespaceFromTheMountedFile(file: String?, expected: String) throws {
        let directory = try Self.serviceAccount(namespace: file)
        defer { directory.remove() }
        let config = try InClusterConfig.load(environment: Self.environment, serviceAccountDirectory: directory.path)
        #expect(config.namespace == expected)
    }

    static let environment = ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    /// Files removed or replaced in the mount, and the message expected (`$DIR` is the mount).
    @Test(
        arguments: [
            ("ca.crt", nil, "in-cluster config: service account CA bundle $DIR/ca.crt does not exist"),
            ("ca.crt", "not a certificate", "in-cluster config: service account CA bundle $DIR/ca.crt is not a PEM certificate"),
            ("token", nil, "in-cluster config: service account token $DIR/token does not exist"),
            ("token", "\n", "in-cluster config: service account token $DIR/token is empty"),
        ] as [(String, String?, String)])
    func brokenServiceAccountMountIsAnError(file: String, contents: String?, message: String) throws {
        let directory = try Self.serviceAccount()
        defer { directory.remove() }
        if let contents {
            try directory.write(file, contents)
        } else {
            try FileManager.default.removeItem(atPath: directory.file(file))
        }
        let error = try #require(throws: ConfigError.self) {
            try InClusterConfig.load(environment: Self.environment, serviceAccountDirectory: directory.path)
        }
        #expect(error.description == message.replacingOccurrences(of: "$DIR", with: directory.path))
        #expect(error.isInCluster)
    }

    @Test func rotatedTokenIsPickedUpAfterTheRefreshInterval() async throws {
        let directory = try Self.serviceAccount()
        defer { directory.remove() }
        let clock = TestClock()
        let config = try InClusterConfig.load(
            environment: Self.environment, serviceAccountDirectory: directory.path, tokenRefreshInterval: 60, now: clock.closure)
        #expect(try await config.credentials.current()?.bearerToken == "token-one")
        try directory.write("token", "token-two")
        clock.advance(by: 30)
        #expect(try await config.credentials.current()?.bearerToken == "token-one")
        clock.advance(by: 31)
        #expect(try await config.credentials.current()?.bearerToken == "token-two")
    }

    @Test func invalidateReReadsTheTokenImmediately() async throws {
        let directory = try Self.serviceAccount()
        defer { directory.remove() }
        let provider = TokenFileProvider(path: directory.file("token"), now: TestClock().closure)
        #expect(try await provider.credentials().bearerToken == "token-one")
        try directory.write("token", "token-two")
        #expect(try await provider.credentials().bearerToken == "token-one")
        await provider.invalidate()
        #expect(try await provider.credentials().bearerToken == "token-two")
    }
}
