import Foundation
import KubeAPI
import KubeTesting
import Testing

@Suite("Kubeconfig loading", .dedicatedThreads)
struct KubeconfigLoaderTests {
    let loader = KubeconfigLoader(environment: pluginEnvironment)

    static let first = """
        current-context: alpha
        clusters:
        - name: shared
          cluster:
            server: https://first.example:6443
        - name: only-first
          cluster:
            server: https://only-first.example
        users:
        - name: shared-user
          user:
            token: first-token
        contexts:
        - name: alpha
          context: {cluster: shared, user: shared-user, namespace: team-a}
        - name: beta
          context: {cluster: only-first, user: shared-user}
        """

    static let second = """
        current-context: gamma
        clusters:
        - name: shared
          cluster:
            server: https://second.example:6443
        users:
        - name: shared-user
          user:
            token: second-token
        contexts:
        - name: alpha
          context: {cluster: shared, user: shared-user, namespace: overridden}
        - name: gamma
          context: {cluster: shared, user: shared-user, namespace: team-g}
        """

    struct MergeCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// Indices into [first, second, missing] in KUBECONFIG order.
        var order: [Int]
        var context: String?
        var server: String
        var token: String
        var namespace: String
        var testDescription: String { name }
    }

    static let mergeCases: [MergeCase] = [
        MergeCase(
            name: "first file wins every conflict", order: [0, 1], context: nil, server: "https://first.example:6443",
            token: "first-token", namespace: "team-a"),
        MergeCase(
            name: "reversed order reverses the winner", order: [1, 0], context: nil, server: "https://second.example:6443",
            token: "second-token", namespace: "team-g"),
        MergeCase(
            name: "context only in the second file, entries from the first", order: [0, 1], context: "gamma",
            server: "https://first.example:6443", token: "first-token", namespace: "team-g"),
        MergeCase(
            name: "--context overrides current-context", order: [0, 1], context: "beta", server: "https://only-first.example",
            token: "first-token", namespace: "default"),
        MergeCase(
            name: "missing files in the list are skipped", order: [2, 1, 2, 0], context: nil, server: "https://second.example:6443",
            token: "second-token", namespace: "team-g"),
    ]

    @Test(arguments: mergeCases)
    func mergesLikeKubectl(_ testCase: MergeCase) async throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let files = [
            try directory.write("one/config", Self.first), try directory.write("two/config", Self.second),
            directory.file("missing/config"),
        ]
        let config = try loader.load(paths: testCase.order.map { files[$0] }, context: testCase.context, skipMissing: true)
        #expect(config.server.absoluteString == testCase.server)
        #expect(config.namespace == testCase.namespace)
        #expect(try await config.credentials.current()?.bearerToken == testCase.token)
    }

    @Test func currentContextComesFromTheFirstFileThatSetsOne() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let noCurrent = try directory.write("a", Self.first.replacingOccurrences(of: "current-context: alpha\n", with: ""))
        let second = try directory.write("b", Self.second)
        let config = try loader.load(paths: [noCurrent, second], skipMissing: true)
        #expect(config.origin == "kubeconfig \(second), context \"gamma\"")
        #expect(config.namespace == "team-g")
    }

    @Test func relativeCertificateAuthorityIsResolvedAgainstTheDefiningFile() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let pem = try TestPEM.certificate()
        try directory.write("certs/ca.crt", pem)
        let kubeconfig = try directory.write(
            "conf/config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://k.example", certificate-authority: ../certs/ca.crt, tls-server-name: api.internal}}]
            users: [{name: u, user: {}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """)
        // A second file in another directory references the same relative path: the first file's directory applies.
        let other = try directory.write(
            "elsewhere/deeper/config", "clusters: [{name: k, cluster: {server: https://x, certificate-authority: nope.crt}}]")
        let config = try loader.load(paths: [kubeconfig, other], skipMissing: true)
        #expect(config.certificateAuthorityPEM == Array(pem.utf8))
        #expect(config.tlsServerName == "api.internal")
        #expect(config.insecureSkipTLSVerify == false)
        #expect(config.namespace == "default")
    }

    @Test(arguments: TestPEM.KeyKind.allCases)
    func base64DataFieldsAreDecoded(_ keyKind: TestPEM.KeyKind) async throws {
        let ca = try TestPEM.certificate()
        let certificate = try TestPEM.certificate()
        let key = try TestPEM.privateKey(keyKind)
        let text = """
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://k.example:443
                certificate-authority-data: \(TestPEM.base64(ca))
                proxy-url: socks5://proxy.example:1080
            users:
            - name: u
              user:
                client-certificate-data: \(TestPEM.base64(certificate))
                client-key-data: \(TestPEM.base64(key))
            contexts:
            - name: c
              context: {cluster: k, user: u, namespace: chaos}
            """
        let config = try loader.load(text: text, path: "/virtual/config")
        #expect(config.certificateAuthorityPEM == Array(ca.utf8))
        #expect(config.proxyURL?.absoluteString == "socks5://proxy.example:1080")
        #expect(config.namespace == "chaos")
        let credentials = try #require(try await config.credentials.current())
        #expect(credentials.clientCertificatePEM == Array(certificate.utf8))
        #expect(credentials.clientKeyPEM == Array(key.utf8))
        #expect(credentials.bearerToken == nil)
    }

    @Test func insecureSkipTLSVerifyAndBasicAuthAreRecorded() async throws {
        let text = """
            current-context: c
            clusters: [{name: k, cluster: {server: "k.example:6443", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {username: admin, password: s3cret}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """
        let config = try loader.load(text: text, path: "/virtual/config")
        #expect(config.insecureSkipTLSVerify)
        #expect(config.server.absoluteString == "https://k.example:6443")
        let credentials = try await config.credentials.current()
        #expect(credentials == Credentials(username: "admin", password: "s3cret"))
    }

    @Test func tokenFileIsReadRelativeToTheKubeconfigAndReRead() async throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        try directory.write("token", "first\n")
        let kubeconfig = try directory.write(
            "config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://k"}}]
            users: [{name: u, user: {tokenFile: token}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            """)
        let config = try KubeconfigLoader(environment: pluginEnvironment, tokenRefreshInterval: 0).load(paths: [kubeconfig])
        #expect(try await config.credentials.current()?.bearerToken == "first")
        try directory.write("token", "second")
        #expect(try await config.credentials.current()?.bearerToken == "second")
    }
}
