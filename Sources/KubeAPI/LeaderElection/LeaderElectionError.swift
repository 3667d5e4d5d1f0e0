/// Why leader election cannot start, or why a write that needs leadership was refused.
public struct LeaderElectionError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case invalidConfiguration
        case notLeading
    }

    private let code: Code
    /// The configuration field at fault, for `invalidConfiguration`.
    public let field: String?
    /// What was wrong, or who holds the lease instead.
    public let detail: String

    private init(code: Code, field: String?, detail: String) {
        self.code = code
        self.field = field
        self.detail = detail
    }

    static func invalidConfiguration(_ field: String, _ problem: String) -> LeaderElectionError {
        LeaderElectionError(code: .invalidConfiguration, field: field, detail: problem)
    }

    static func notLeading(identity: String, lease: String, holder: String?) -> LeaderElectionError {
        let who = holder.map { "it is held by \"\($0)\"" } ?? "no holder is known"
        return LeaderElectionError(
            code: .notLeading, field: nil, detail: "\"\(identity)\" does not lead on lease \(lease) (\(who)); only the leader may write")
    }

    public var isInvalidConfiguration: Bool { code == .invalidConfiguration }
    /// A write that needs leadership was refused because this instance does not (or no longer) lead.
    public var isNotLeading: Bool { code == .notLeading }

    public var description: String {
        switch code {
        case .invalidConfiguration: return "invalid leader election configuration: \(field ?? "value") \(detail)"
        case .notLeading: return detail
        }
    }
}
