/// A user the sandbox authenticates by bearer token.
public struct SandboxUser: Sendable, Hashable {
    public var name: String
    public var token: String
    public var groups: [String]

    public init(name: String, token: String, groups: [String] = []) {
        self.name = name
        self.token = token
        self.groups = groups
    }

    /// `admin` in `system:masters` with a random token, as a fresh cluster's first user.
    public static func randomAdmin() -> SandboxUser {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let token = String((0..<32).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        return SandboxUser(name: "admin", token: token, groups: ["system:masters", "system:authenticated"])
    }
}
