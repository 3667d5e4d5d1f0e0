/// One line of `/readyz`: the daemon is ready when every check passes.
public struct ReadinessCheck: Sendable, Equatable, Codable {
    public var name: String
    public var ok: Bool
    public var detail: String

    public init(name: String, ok: Bool, detail: String = "") {
        self.name = name
        self.ok = ok
        self.detail = detail
    }
}
