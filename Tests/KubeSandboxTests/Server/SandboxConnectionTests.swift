import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct SandboxConnectionTests {
    @Test func clusterConfigCarriesTheCAAndToken() async throws {
        let chaos = SandboxUser(name: "chaos", token: "chaos-token")
        let sandbox = try await Sandbox.start(SandboxOptions(users: [.randomAdmin(), chaos], controllers: false))
        let config = sandbox.clusterConfig(user: "chaos")
        #expect(config.server == sandbox.url)
        #expect(config.server.absoluteString == "https://127.0.0.1:\(sandbox.port)")
        #expect(config.certificateAuthorityPEM == sandbox.caCertificatePEM.map { Array($0.utf8) })
        guard case .fixed(let credentials) = config.credentials else {
            Issue.record("expected fixed credentials")
            await sandbox.stop()
            return
        }
        #expect(credentials.bearerToken == "chaos-token")
        await sandbox.stop()
    }

    @Test func kubeconfigIsWrittenForTheOwnerOnly() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = try await Sandbox.start(SandboxOptions(controllers: false))
        let path = directory.file("kubeconfig")
        try sandbox.writeKubeconfig(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("server: \(sandbox.url.absoluteString)"))
        #expect(text.contains("token: \"\(sandbox.user().token)\""))
        #expect(text.contains("certificate-authority-data: \(Data((sandbox.caCertificatePEM ?? "").utf8).base64EncodedString())"))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        await sandbox.stop()
        directory.remove()
    }

    @Test(arguments: [true, false])
    func servesHTTPSOrPlainHTTPAndRequiresAToken(tls: Bool) async throws {
        try await TestClient.withSandbox(SandboxOptions(tls: tls, controllers: false)) { (sandbox, client) async throws in
            #expect(sandbox.url.scheme == (tls ? "https" : "http"))
            #expect(try await client.send(.GET, "/api/v1/namespaces").status == 200)
            #expect(try await client.send(.GET, "/api/v1/namespaces", token: "wrong").status == 401)
            // Without credentials: 401 over HTTPS; over plain HTTP the default user, as kubectl sends no token there.
            #expect(try await client.send(.GET, "/api/v1/namespaces", token: "").status == (tls ? 401 : 200))
            #expect(try await client.send(.GET, "/healthz", token: "wrong").status == 200)
        }
    }

    @Test func clientCertificateAuthenticatesAsItsCommonNameAndOrganizations() async throws {
        let sandbox = try await Sandbox.start(SandboxOptions(controllers: false, rbac: true))
        let admin = try TestClient(sandbox, clientCertificate: try sandbox.issueClientCertificate(user: "root", groups: ["system:masters"]))
        let viewer = try TestClient(sandbox, clientCertificate: try sandbox.issueClientCertificate(user: "viewer", algorithm: .rsa2048))
        do {
            #expect(try await admin.send(.GET, "/api/v1/namespaces", token: "").status == 200)
            let refused = try await viewer.send(.GET, "/api/v1/namespaces", token: "")
            #expect(refused.status == 403)
            #expect(refused.json?["message"]?.stringValue?.contains("User \"viewer\" cannot list resource \"namespaces\"") == true)
        } catch {
            Issue.record(error)
        }
        await sandbox.stop()
        await admin.shutdown()
        await viewer.shutdown()
    }

    @Test func certificateFromAnotherAuthorityIsRejected() async throws {
        let sandbox = try await Sandbox.start(SandboxOptions(controllers: false))
        let stranger = try CertificateAuthority.generate().issueClientCertificate(commonName: "root", organizations: ["system:masters"])
        let client = try TestClient(sandbox, clientCertificate: stranger)
        await #expect(throws: (any Error).self) { try await client.send(.GET, "/api/v1/namespaces", token: "") }
        await sandbox.stop()
        await client.shutdown()
    }

    @Test func plainHTTPSandboxHasNoCertificateAuthority() async throws {
        try await withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox in
            #expect(throws: SandboxError.self) { try sandbox.issueClientCertificate(user: "x") }
        }
    }
}
