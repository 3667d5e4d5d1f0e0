import Foundation
import KubeAPI
import KubeTesting
import Logging
import Testing

/// Plain `http://` servers: always accepted on loopback, elsewhere only with `allowInsecureHTTP` (and then warned about).
@Suite("Plain HTTP API servers")
struct InsecureHTTPTests {
    static func kubeconfig(server: String) -> String {
        """
        current-context: c
        clusters: [{name: prod, cluster: {server: "\(server)"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: prod, user: u}}]
        """
    }

    /// Server, whether it is loopback.
    static let servers: [(String, Bool)] = [
        ("http://127.0.0.1:8080", true),
        ("http://127.45.6.7", true),
        ("http://localhost:8080", true),
        ("http://LOCALHOST", true),
        ("http://[::1]:8080", true),
        ("http://[0:0:0:0:0:0:0:1]", true),
        ("http://[::ffff:127.0.0.1]:8080", true),
        ("http://10.0.0.1:8080", false),
        ("http://128.0.0.1", false),
        ("http://0.0.0.0:8080", false),
        ("http://[::2]", false),
        ("http://[::ffff:10.0.0.1]", false),
        ("http://localhost.example.com", false),
        ("http://127.0.0.1.nip.io", false),
        ("http://kube.example:8080", false),
    ]

    @Test(
        "http:// is accepted on loopback, elsewhere only when allowed",
        arguments: servers.flatMap { server in [false, true].map { (server.0, server.1, $0) } })
    func rule(server: String, loopback: Bool, allowed: Bool) throws {
        let loader = KubeconfigLoader(environment: pluginEnvironment, allowInsecureHTTP: allowed)
        let text = Self.kubeconfig(server: server)
        if loopback || allowed {
            let config = try loader.load(text: text, path: "/virtual/config")
            #expect(config.server.absoluteString == server)
        } else {
            let error = #expect(throws: ConfigError.self) { try loader.load(text: text, path: "/virtual/config") }
            #expect(error?.isInsecureHTTP == true)
            #expect(
                error?.description
                    == "kubeconfig /virtual/config: clusters[prod].server \(server) is plain HTTP to a host that is not loopback; "
                    + "use https, or pass --allow-insecure-http to send requests and credentials unencrypted")
        }
    }

    @Test("https:// is never affected by the rule", arguments: [false, true])
    func https(allowed: Bool) throws {
        let loader = KubeconfigLoader(environment: pluginEnvironment, allowInsecureHTTP: allowed)
        let config = try loader.load(text: Self.kubeconfig(server: "https://10.0.0.1:6443"), path: "/virtual/config")
        #expect(config.server.absoluteString == "https://10.0.0.1:6443")
    }

    @Test("The refusal names the server without its user info or query")
    func refusalHidesCredentials() throws {
        let text = Self.kubeconfig(server: "http://admin:SECRETPASS@10.0.0.1:8080/prefix?token=SECRETQ")
        let error = #expect(throws: ConfigError.self) { try KubeconfigLoader().load(text: text, path: "/virtual/config") }
        let description = try #require(error?.description)
        #expect(description.contains("clusters[prod].server http://10.0.0.1:8080/prefix is plain HTTP"), "\(description)")
        #expect(!description.contains("SECRET"), "\(description)")
    }

    @Test("ConfigResolver passes the permission to the loader it makes", arguments: [false, true])
    func resolver(allowed: Bool) throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let path = try directory.write("config", Self.kubeconfig(server: "http://10.0.0.1:8080"))
        let resolve = { try ConfigResolver.resolve(kubeconfig: path, context: nil, allowInsecureHTTP: allowed, environment: [:]) }
        if allowed {
            #expect(try resolve().server.absoluteString == "http://10.0.0.1:8080")
        } else {
            #expect(throws: ConfigError.self) { try resolve() }
        }
    }

    @Test(
        "A client for a plain-HTTP server that is not loopback warns once; loopback and https do not",
        arguments: [("http://10.0.0.1:8080", true), ("http://127.0.0.1:8080", false), ("https://10.0.0.1:6443", false)])
    func clientWarning(server: String, warns: Bool) async throws {
        let logs = LogCapture()
        let config = ClusterConfig(server: try #require(URL(string: server)), origin: "kubeconfig k")
        try await KubernetesClient.withKubernetesClient(config: config, logger: logs.logger) { _ in }
        let warnings = logs.messages(at: .warning).filter { $0.contains("Plain HTTP") }
        #expect(warnings.count == (warns ? 1 : 0), "\(logs.text)")
    }
}
