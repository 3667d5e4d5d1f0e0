import Foundation
import KubeAPI

extension Sandbox {
    /// A bearer token for a service account, as a TokenRequest issues it: it authenticates as
    /// `system:serviceaccount:NS:NAME` in `system:serviceaccounts` and `system:serviceaccounts:NS`. The account is
    /// created when missing; its namespace must exist.
    public func serviceAccountToken(namespace: String, name: String, expirationSeconds: Int = 3600) async throws -> String {
        let account = try await Self.ensureServiceAccount(namespace: namespace, name: name, in: store)
        let uid = account[path: ["metadata", "uid"]]?.stringValue ?? ""
        let expires = Date().addingTimeInterval(Double(max(expirationSeconds, TokenRequestHandler.minimumExpirationSeconds)))
        return await tokens.issue(namespace: namespace, name: name, uid: uid, expires: expires)
    }

    /// Revokes a token `serviceAccountToken` or a TokenRequest issued: from now on it answers 401, as a rotated-out
    /// credential does.
    public func revokeServiceAccountToken(_ token: String) async {
        await tokens.revoke(token)
    }

    private static func ensureServiceAccount(namespace: String, name: String, in store: ClusterStore) async throws(SandboxError)
        -> JSONValue
    {
        let accounts = ResourceCatalog.serviceAccounts
        if let existing = try? await store.get(accounts, namespace: namespace, name: name) { return existing }
        let manifest: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("ServiceAccount"),
            "metadata": .object(["name": .string(name), "namespace": .string(namespace)]),
        ])
        do throws(StatusError) {
            return try await store.create(accounts, namespace: namespace, manifest)
        } catch {
            throw SandboxError.rejectedObject("ServiceAccount \(namespace)/\(name)", error.message)
        }
    }

    /// What the KubeAPI client needs to connect as a service account, defaulting to the account's namespace,
    /// exactly as the tool deployed with that account would.
    public func clusterConfig(serviceAccount name: String, namespace: String) async throws -> ClusterConfig {
        let token = try await serviceAccountToken(namespace: namespace, name: name)
        return ClusterConfig(
            server: url, certificateAuthorityPEM: caCertificatePEM.map { Array($0.utf8) }, namespace: namespace,
            credentials: .fixed(Credentials(bearerToken: token)), origin: "podchaosmonkey sandbox at \(url.absoluteString)")
    }

    /// A kubeconfig whose user is a fresh token of the service account.
    public func kubeconfigYAML(serviceAccount name: String, namespace: String) async throws -> String {
        let token = try await serviceAccountToken(namespace: namespace, name: name)
        return kubeconfigYAML(
            userName: UserInfo.serviceAccount(name, namespace: namespace).name, credentials: "    token: \(quoted(token))\n",
            namespace: namespace)
    }

    /// Writes `kubeconfigYAML(serviceAccount:namespace:)` readable only by the owner, as it holds a token.
    public func writeKubeconfig(to path: String, serviceAccount name: String, namespace: String) async throws {
        let url = URL(fileURLWithPath: path)
        try Data(try await kubeconfigYAML(serviceAccount: name, namespace: namespace).utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }
}
