import Foundation

/// The bearer tokens TokenRequests issued. A token authenticates as its service account until it expires or the
/// account is deleted (or replaced: a new account of the same name has a new UID), as bound tokens do, or until revoked.
public actor ServiceAccountTokens {
    struct Issued: Sendable {
        var namespace: String
        var name: String
        var uid: String
        var expires: Date
    }

    private var issued: [String: Issued] = [:]

    public init() {}

    /// Issues a token for the account with this UID, valid until `expires`.
    func issue(namespace: String, name: String, uid: String, expires: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let token = "sandbox-sa." + String((0..<40).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        issued[token] = Issued(namespace: namespace, name: name, uid: uid, expires: expires)
        return token
    }

    /// Forgets `token`: from now on it does not authenticate.
    func revoke(_ token: String) {
        issued[token] = nil
    }

    /// The user a token authenticates as, or nil when it is unknown, expired, or its account is gone.
    func user(for token: String, store: ClusterStore, now: Date = Date()) async -> SandboxUser? {
        guard let entry = issued[token] else { return nil }
        guard entry.expires > now else {
            issued[token] = nil
            return nil
        }
        let account = try? await store.get(ResourceCatalog.serviceAccounts, namespace: entry.namespace, name: entry.name)
        guard let account, account[path: ["metadata", "uid"]]?.stringValue == entry.uid else { return nil }
        let identity = UserInfo.serviceAccount(entry.name, namespace: entry.namespace)
        return SandboxUser(name: identity.name, token: token, groups: identity.groups)
    }
}
