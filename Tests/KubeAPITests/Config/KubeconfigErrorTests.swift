import Foundation
import KubeAPI
import Testing

@Suite("Kubeconfig errors")
struct KubeconfigErrorTests {
    /// A kubeconfig (written to `$DIR/config`), an optional --context, and the exact one-line message expected.
    /// `$DIR` in either stands for the test's temporary directory.
    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var kubeconfig: String
        var context: String? = nil
        var message: String
        /// `ConfigError.field`, checked when given.
        var field: String? = nil
        var testDescription: String { name }
    }

    static func config(cluster: String = "server: https://k", user: String = "token: t", context: String = "cluster: k, user: u") -> String
    {
        """
        current-context: c
        clusters:
        - name: k
          cluster: {\(cluster)}
        users:
        - name: u
          user: {\(user)}
        contexts:
        - name: c
          context: {\(context)}
        """
    }

    static let cases: [ErrorCase] = [
        ErrorCase(
            name: "malformed YAML", kubeconfig: "clusters:\n  - name: [unclosed\n",
            message: "kubeconfig $DIR/config: not valid YAML at line 3, column 1: did not find expected ',' or ']'"),
        ErrorCase(
            name: "not a mapping", kubeconfig: "- just\n- a list\n",
            message: "kubeconfig $DIR/config: not a kubeconfig: the document is not a mapping"),
        ErrorCase(
            name: "no current-context and no --context", kubeconfig: "clusters: []\n",
            message: "kubeconfig $DIR/config: no current-context is set; pass --context"),
        ErrorCase(
            name: "missing context from --context", kubeconfig: config(), context: "prod",
            message: "kubeconfig $DIR/config: context \"prod\" (from --context) is not defined"),
        ErrorCase(
            name: "missing current-context",
            kubeconfig: config().replacingOccurrences(of: "current-context: c", with: "current-context: gone"),
            message: "kubeconfig $DIR/config: current-context \"gone\" is not defined"),
        ErrorCase(
            name: "missing cluster", kubeconfig: config(context: "cluster: nope, user: u"),
            message: "kubeconfig $DIR/config: context \"c\" names cluster \"nope\", which is not defined"),
        ErrorCase(
            name: "missing user", kubeconfig: config(context: "cluster: k, user: bob"),
            message: "kubeconfig $DIR/config: context \"c\" names user \"bob\", which is not defined", field: "contexts[c].user"),
        ErrorCase(
            name: "context without user", kubeconfig: config(context: "cluster: k"),
            message: "kubeconfig $DIR/config: context \"c\" names no user"),
        ErrorCase(
            name: "cluster without server", kubeconfig: config(cluster: "insecure-skip-tls-verify: true"),
            message: "kubeconfig $DIR/config: clusters[k] has no server"),
        ErrorCase(
            name: "bad base64", kubeconfig: config(user: "client-certificate-data: '%%% not base64'"),
            message: "kubeconfig $DIR/config: users[u].client-certificate-data is not valid base64",
            field: "users[u].client-certificate-data"),
        ErrorCase(
            name: "wrongly typed bool", kubeconfig: config(cluster: "server: https://k, insecure-skip-tls-verify: 'yes please'"),
            message: "kubeconfig $DIR/config: clusters[k].insecure-skip-tls-verify must be true or false"),
        ErrorCase(
            name: "list where a string belongs", kubeconfig: config(user: "token: [a, b]"),
            message: "kubeconfig $DIR/config: users[u].token must be a string"),
        ErrorCase(
            name: "missing CA file", kubeconfig: config(cluster: "server: https://k, certificate-authority: ca/missing.crt"),
            message: "kubeconfig $DIR/config: clusters[k].certificate-authority $DIR/ca/missing.crt does not exist"),
        ErrorCase(
            name: "CA that is not PEM", kubeconfig: config(cluster: "server: https://k, certificate-authority-data: bm90IGEgY2VydA=="),
            message: "kubeconfig $DIR/config: clusters[k].certificate-authority-data is not a PEM certificate"),
        ErrorCase(
            name: "bad proxy scheme", kubeconfig: config(cluster: "server: https://k, proxy-url: 'ftp://proxy:21'"),
            message: "kubeconfig $DIR/config: clusters[k].proxy-url \"ftp://proxy:21\" must be an http, https or socks5 URL"),
        ErrorCase(
            name: "invalid PEM key file", kubeconfig: config(user: "client-certificate: cert.pem, client-key: bad-key.pem"),
            message: "kubeconfig $DIR/config: users[u].client-key $DIR/bad-key.pem is not a PEM private key"),
        ErrorCase(
            name: "client certificate without key", kubeconfig: config(user: "client-certificate: cert.pem"),
            message: "kubeconfig $DIR/config: users[u] sets a client certificate but no client-key or client-key-data"),
        ErrorCase(
            name: "unreadable token file", kubeconfig: config(user: "tokenFile: no-token"),
            message: "kubeconfig $DIR/config: users[u].tokenFile $DIR/no-token does not exist"),
        ErrorCase(
            name: "two authentication methods", kubeconfig: config(user: "token: t, username: a, password: b"),
            message: "kubeconfig $DIR/config: users[u] sets more than one authentication method (token, username/password); keep one"),
        ErrorCase(
            name: "CA file and CA data together",
            kubeconfig: config(cluster: "server: https://k, certificate-authority: cert.pem, certificate-authority-data: eA=="),
            message: "kubeconfig $DIR/config: clusters[k] sets both certificate-authority and certificate-authority-data; keep one"),
        ErrorCase(
            name: "insecure together with a CA",
            kubeconfig: config(cluster: "server: https://k, certificate-authority: cert.pem, insecure-skip-tls-verify: true"),
            message: "kubeconfig $DIR/config: clusters[k] sets insecure-skip-tls-verify together with a certificate authority; keep one"),
        ErrorCase(
            name: "server that is not a URL", kubeconfig: config(cluster: "server: 'ftp://k'"),
            message: "kubeconfig $DIR/config: clusters[k].server \"ftp://k\" is not an http(s) URL"),
        ErrorCase(
            name: "auth-provider", kubeconfig: config(user: "auth-provider: {name: gcp}"),
            message: "kubeconfig $DIR/config: users[u].auth-provider is not supported (kubectl removed auth providers); use an exec plugin"),
        ErrorCase(
            name: "exec without interactiveMode in v1",
            kubeconfig: config(user: "exec: {command: plugin, apiVersion: client.authentication.k8s.io/v1}"),
            message:
                "kubeconfig $DIR/config: users[u].exec.interactiveMode must be set for client.authentication.k8s.io/v1 (Never, IfAvailable or Always)"
        ),
        ErrorCase(
            name: "exec with a removed apiVersion",
            kubeconfig: config(user: "exec: {command: plugin, apiVersion: client.authentication.k8s.io/v1alpha1}"),
            message:
                "kubeconfig $DIR/config: users[u].exec.apiVersion \"client.authentication.k8s.io/v1alpha1\" is not supported (use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1)"
        ),
    ]

    @Test(arguments: cases)
    func reportsFileAndField(_ testCase: ErrorCase) throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        try directory.write("cert.pem", try TestPEM.certificate())
        try directory.write("bad-key.pem", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
        let path = try directory.write("config", testCase.kubeconfig.replacingOccurrences(of: "$DIR", with: directory.path))
        let error = try #require(throws: ConfigError.self) {
            try KubeconfigLoader(environment: pluginEnvironment).load(paths: [path], context: testCase.context)
        }
        #expect(error.description == testCase.message.replacingOccurrences(of: "$DIR", with: directory.path))
        #expect(!error.description.contains("\n"))
        if let field = testCase.field { #expect(error.field == field) }
    }

    @Test func unreadableKubeconfigNamesTheFile() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let missing = directory.file("nope")
        let error = try #require(throws: ConfigError.self) { try KubeconfigLoader().load(paths: [missing]) }
        #expect(error.description == "kubeconfig \(missing): does not exist")
        #expect(error.isUnreadableFile)
        let asDirectory = try #require(throws: ConfigError.self) { try KubeconfigLoader().load(paths: [directory.path]) }
        #expect(asDirectory.description == "kubeconfig \(directory.path): is a directory")
    }
}
