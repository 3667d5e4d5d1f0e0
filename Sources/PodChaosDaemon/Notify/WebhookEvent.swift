import Foundation
import PodChaos

/// One notification: a kill as it is made, its recovery verdict, or its observation abandoned at shutdown. Its JSON is the default webhook body, a
/// contract documented in docs/webhooks.md: keys are added, never renamed, without bumping `schemaVersion`.
public struct WebhookEvent: Sendable, Encodable {
    public static let schemaVersion = 1

    public enum Kind: String, Sendable, Codable {
        case kill
        case verdict
        /// The daemon stopped before the verdict was in (`--shutdown-timeout`): there is none.
        case interrupted
    }

    public struct Tool: Sendable, Hashable, Encodable {
        public var name: String
        public var version: String
    }

    public var kind: Kind
    /// For a `kill` the recovery is always null (it is not known yet), and for `interrupted` too (it never will be).
    public var kill: KillReport.Kill
    public var tool: Tool

    public init(kind: Kind, kill: KillReport.Kill, toolVersion: String) {
        var kill = kill
        if kind != .verdict { kill.recovery = nil }
        self.kind = kind
        self.kill = kill
        self.tool = Tool(name: "podchaosmonkey", version: toolVersion)
    }

    /// One human line, as the Slack preset posts it.
    public var summary: String { WebhookSummary.line(for: self) }

    enum CodingKeys: String, CodingKey { case schemaVersion, event, tool, summary }

    /// The kill's own keys come from `KillReport.Kill`, so the body and the `kill` report never drift apart.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(kind, forKey: .event)
        try container.encode(tool, forKey: .tool)
        try container.encode(summary, forKey: .summary)
        try kill.encode(to: encoder)
    }

    /// The default body: compact JSON with a stable key order.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
