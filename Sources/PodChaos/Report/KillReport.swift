import Foundation

/// The `kill` report (`-o json`). Its keys are a contract (docs/report.md): add fields, never rename.
public struct KillReport: Sendable, Encodable {
    /// 2: `reason`, `count`, `selection.missingNamespaces`, the verdicts `interrupted`, and the safety floor's
    /// exclusions in `selection.excluded`. 3: `probes`, and `reason` for a `fail` a probe caused. Every key of an
    /// earlier version is kept.
    public static let schemaVersion = 3

    public enum DryRun: String, Sendable, Codable { case none, client, server }
    public enum Verdict: String, Sendable, Codable {
        case pass
        case fail
        case nothingKilled = "nothing-killed"
        /// SIGINT or SIGTERM ended the run before it finished; `reason` names the signal.
        case interrupted
    }
    public enum Result: String, Sendable, Codable {
        case killed, blocked, gone, failed
        case dryRun = "dry-run"
    }

    public struct Tool: Sendable, Encodable {
        public var name = "podchaosmonkey"
        public var version: String
    }

    public struct PodRef: Sendable, Encodable, Hashable {
        public var namespace: String
        public var name: String
        public var uid: String?
    }

    public struct OwnerRef: Sendable, Encodable, Hashable {
        public var kind: String
        public var name: String
        public var uid: String
    }

    public struct Excluded: Sendable, Encodable {
        public var pod: PodRef
        public var reasons: [String]
    }

    public struct SelectionSummary: Sendable, Encodable {
        public var considered: Int
        public var eligible: Int
        /// Pods selection excluded, then eligible pods the safety floor or `--max-kills 0` turned away.
        public var excluded: [Excluded]
        /// Namespaces the run was pointed at that do not exist.
        public var missingNamespaces: [String] = []
    }

    /// How many victims were asked for, and how many the run set out to kill.
    public struct CountSummary: Sendable, Encodable {
        /// `--count`, `--percent` or `--all` as given: `5`, `50.0%`, `all`.
        public var requested: String
        public var maxKills: Int
        /// Victims the run set out to kill: the request, within the eligible pods and `--max-kills`.
        public var target: Int
        /// True when `--max-kills` lowered the target.
        public var capped: Bool
        /// What a warning says when the target was capped; none for `--max-kills 0`, which the run's cause names.
        public let warning: String?

        enum CodingKeys: String, CodingKey { case requested, maxKills, target, capped }

        public init(_ plan: KillPlan) {
            requested = plan.count.description
            maxKills = plan.maxKills
            target = plan.target
            capped = plan.isCapped
            warning =
                plan.isCapped && plan.maxKills > 0
                ? "\(plan.count.flag) is capped by --max-kills \(plan.maxKills): at most \(plan.target) pod\(plan.target == 1 ? "" : "s") will be killed"
                : nil
        }
    }

    public struct Kill: Sendable, Encodable {
        public var killId: KillID
        public var pod: PodRef
        public var owner: OwnerRef?
        public var action: String
        public var result: Result
        public var reason: String?
        public var requestedAt: Date
        /// nil for dry runs; otherwise how the owner recovered, or why it was not observed.
        public var recovery: RecoveryResult?

        enum CodingKeys: String, CodingKey { case killId, pod, owner, action, result, reason, requestedAt, recovery }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(killId, forKey: .killId)
            try container.encode(pod, forKey: .pod)
            try container.encode(owner, forKey: .owner)
            try container.encode(action, forKey: .action)
            try container.encode(result, forKey: .result)
            try container.encode(reason, forKey: .reason)
            try container.encode(ReportTime(requestedAt), forKey: .requestedAt)
            try container.encode(recovery, forKey: .recovery)
        }
    }

    public var tool: Tool
    public var startedAt: Date
    public var finishedAt: Date
    public var dryRun: DryRun
    public var mode: String
    public var seed: UInt64
    public var selection: SelectionSummary
    public var count: CountSummary
    public var kills: [Kill]
    public var verdict: Verdict
    /// Why nothing was killed, or why the run ended early; nil otherwise.
    public var reason: String?
    /// Pod transitions in the observed namespaces, with `--timeline`.
    public var timeline: Timeline?
    /// What the probes measured, with `--probe`.
    public var probes: ProbesReport?

    enum CodingKeys: String, CodingKey {
        case schemaVersion, tool, startedAt, finishedAt, dryRun, mode, seed, selection, count, kills, verdict, reason, timeline, probes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(ReportTime(startedAt), forKey: .startedAt)
        try container.encode(ReportTime(finishedAt), forKey: .finishedAt)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(mode, forKey: .mode)
        try container.encode(seed, forKey: .seed)
        try container.encode(selection, forKey: .selection)
        try container.encode(count, forKey: .count)
        try container.encode(kills, forKey: .kills)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(reason, forKey: .reason)
        try container.encodeIfPresent(timeline, forKey: .timeline)
        try container.encodeIfPresent(probes, forKey: .probes)
    }

    /// Pretty JSON with stable key order.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// A timestamp as the report writes it: RFC 3339, UTC, milliseconds.
struct ReportTime: Encodable {
    let date: Date
    init(_ date: Date) { self.date = date }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
