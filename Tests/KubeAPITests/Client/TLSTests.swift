import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import KubeAPI

@Suite("TLS: exactly the configured trust, client certificates, tls-server-name", .dedicatedThreads)
struct TLSTests {
    func config(_ server: ScriptedServer, ca: [UInt8]?, credentials: Credentials = Credentials(bearerToken: "tls-token")) -> ClusterConfig {
        ClusterConfig(
            server: server.url, certificateAuthorityPEM: ca, namespace: "demo", credentials: .fixed(credentials), origin: "tls test")
    }

    @Test("The kubeconfig CA is trusted and the bearer token travels over HTTPS")
    func customCAAccepted() async throws {
        let pki = try TestPKI()
        try await ScriptedServer.with(tls: try pki.serverTLS()) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let object = try await withClient(config(server, ca: pki.caPEM)) { try await $0.get(TestObject.self, name: "cm") }
            #expect(object.metadata.name == "cm")
            #expect(server.requests.first?.header("Authorization") == "Bearer tls-token")
        }
    }

    @Test("A server certificate from another CA is rejected before any request is sent")
    func unknownCARejected() async throws {
        let pki = try TestPKI()
        let other = try CertificateAuthority.generate(commonName: "someone-else")
        try await ScriptedServer.with(tls: try pki.serverTLS()) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let error = await expectAPIError {
                try await withClient(config(server, ca: Array(other.certificatePEM.utf8)), options: .testing(maxAttempts: 5)) {
                    try await $0.get(TestObject.self, name: "cm")
                }
            }
            #expect(error?.isTLS == true)
            #expect(
                error?.description.hasSuffix(
                    "the certificate of 127.0.0.1:\(server.port) is not signed by the certificate authority of tls test") == true,
                "\(String(describing: error))")
            #expect(error?.description.contains(".cc") == false, "no BoringSSL dump")
            #expect(server.requests.isEmpty, "the token must never reach an unverified server")
            #expect(server.connections == 1, "a certificate failure is not retried")
        }
    }

    @Test("tls-server-name is verified even when the certificate names the dialled IP address")
    func tlsServerNameEnforcedDespiteIPAddressEntry() async throws {
        let pki = try TestPKI(serverDNSNames: ["kubernetes.internal"], serverIPs: ["127.0.0.1"])
        try await ScriptedServer.with(tls: try pki.serverTLS()) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in

            var evil = config(server, ca: pki.caPEM)
            evil.tlsServerName = "evil.example.com"
            let error = await expectAPIError {
                try await withClient(evil, options: .testing(maxAttempts: 5)) { try await $0.get(TestObject.self, name: "cm") }
            }
            #expect(error?.isTLS == true)
            #expect(error?.description.contains("is not valid for \"evil.example.com\"") == true, "\(String(describing: error))")
            #expect(server.requests.isEmpty, "the token must never reach a server that is not the one named")

            var named = config(server, ca: pki.caPEM)
            named.tlsServerName = "kubernetes.internal"
            _ = try await withClient(named) { try await $0.get(TestObject.self, name: "cm") }
            #expect(server.requests.count == 1)
            #expect(server.requests.first?.header("Authorization") == "Bearer tls-token")
        }
    }

    @Test("With no CA configured, a self-signed cluster is not trusted (system roots only)")
    func systemRootsOnly() async throws {
        let pki = try TestPKI()
        try await ScriptedServer.with(tls: try pki.serverTLS()) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let error = await expectAPIError {
                try await withClient(config(server, ca: nil), options: .testing(maxAttempts: 1)) {
                    try await $0.get(TestObject.self, name: "cm")
                }
            }
            #expect(error?.isTransport == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("insecure-skip-tls-verify is honoured when the kubeconfig asks for it")
    func insecureHonoured() async throws {
        let pki = try TestPKI()
        try await ScriptedServer.with(tls: try pki.serverTLS()) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            var insecure = config(server, ca: nil)
            insecure.insecureSkipTLSVerify = true
            _ = try await withClient(insecure) { try await $0.get(TestObject.self, name: "cm") }
            #expect(server.requests.count == 1)
        }
    }

    @Test(
        "A client certificate authenticates, with RSA and EC keys in every PEM form",
        arguments: [(KeyAlgorithm.rsa2048, false), (.rsa2048, true), (.ecdsaP256, false), (.ecdsaP256, true)])
    func clientCertificate(algorithm: KeyAlgorithm, legacyKeyFormat: Bool) async throws {
        let pki = try TestPKI()
        let client = try pki.ca.issueClientCertificate(commonName: "chaos", organizations: ["chaos-team"], algorithm: algorithm)
        try await ScriptedServer.with(tls: try pki.serverTLS(requireClientCertificates: true)) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let credentials = Credentials(
                clientCertificatePEM: Array(client.certificatePEM.utf8),
                clientKeyPEM: Array((legacyKeyFormat ? client.legacyPrivateKeyPEM : client.privateKeyPEM).utf8))
            _ = try await withClient(config(server, ca: pki.caPEM, credentials: credentials)) {
                try await $0.get(TestObject.self, name: "cm")
            }
            #expect(server.requests.count == 1)
            #expect(server.requests.first?.header("Authorization") == nil)
        }
    }

    @Test("Without a client certificate, a server that requires one refuses the connection")
    func clientCertificateRequired() async throws {
        let pki = try TestPKI()
        try await ScriptedServer.with(tls: try pki.serverTLS(requireClientCertificates: true)) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let error = await expectAPIError {
                try await withClient(config(server, ca: pki.caPEM), options: .testing(maxAttempts: 1)) {
                    try await $0.get(TestObject.self, name: "cm")
                }
            }
            #expect(error?.isTransport == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("tls-server-name verifies the certificate against that name while connecting to the server's address")
    func tlsServerName() async throws {
        let pki = try TestPKI(serverDNSNames: ["kubernetes.internal"], serverIPs: [])
        try await ScriptedServer.with(tls: try pki.serverTLS()) { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in

            let withoutName = await expectAPIError {
                try await withClient(config(server, ca: pki.caPEM), options: .testing(maxAttempts: 1)) {
                    try await $0.get(TestObject.self, name: "cm")
                }
            }
            #expect(withoutName?.isTransport == true, "127.0.0.1 is not in the certificate")

            var named = config(server, ca: pki.caPEM)
            named.tlsServerName = "kubernetes.internal"
            _ = try await withClient(named) { try await $0.get(TestObject.self, name: "cm") }
            #expect(server.requests.count == 1)
        }
    }

    @Test("An invalid CA bundle is a configuration error naming its origin")
    func invalidCA() throws {
        let bad = ClusterConfig(
            server: URL(string: "https://127.0.0.1:6443")!, certificateAuthorityPEM: Array("not a certificate".utf8),
            origin: "kubeconfig /x/config")
        let error = #expect(throws: KubeAPIError.self) { try KubernetesClient(config: bad) }
        #expect(error?.isConfiguration == true)
        #expect(error?.description.hasPrefix("kubeconfig /x/config: certificate authority") == true)
    }
}
