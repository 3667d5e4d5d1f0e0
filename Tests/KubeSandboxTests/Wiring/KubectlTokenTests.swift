import Foundation
import KubeSandbox
import KubeTesting
import Testing

/// `kubectl create token`, which sends its TokenRequest as protobuf, and the token it prints.
@Suite(.dedicatedThreads, .enabled(if: KubectlBinary.shouldRun, "kubectl is not installed at /usr/bin/kubectl"))
struct KubectlTokenTests {
    @Test("kubectl create token prints a token that then acts as the service account")
    func createToken() async throws {
        try #require(KubectlBinary.isInstalled, "PODCHAOSMONKEY_REQUIRE_KUBECTL=1 but \(KubectlBinary.path) is missing")
        try await withSandbox(SandboxOptions(controllers: false, rbac: true)) { sandbox in
            let client = try TestClient(sandbox)
            do {
                try await sandbox.load(AccessReviewTests.policy)
                try await sandbox.load("{apiVersion: v1, kind: ServiceAccount, metadata: {name: chaos, namespace: demo}}")
                let kubectl = try Kubectl(sandbox)
                let created = try await kubectl.run(["create", "token", "chaos", "-n", "demo", "--duration", "20m"])
                kubectl.cleanUp()
                #expect(created.exitCode == 0, "\(created.stderr)")
                let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(try await client.send(.GET, "/api/v1/namespaces/demo/pods", token: token).status == 200)
                #expect(try await client.send(.GET, "/api/v1/namespaces/kube-system/pods", token: token).status == 403)
            } catch {
                Issue.record(error)
            }
            await client.shutdown()
        }
    }
}
