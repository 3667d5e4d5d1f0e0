import Foundation
import PodChaos

/// What must survive a restart or a failover so that budgets are not reset: the last kill of each owner, the kills of
/// the last hour per namespace, and the owners held back after a kill that hurt their users (`ImpactHold`). Stored with
/// the lease as one compact JSON string (`Leadership.persist`).
public struct KillHistory: Sendable, Hashable, Codable {
    /// The per-hour caps look back this far.
    public static let hour: TimeInterval = 3600

    /// Owner key (`namespace/Kind/name`, see `ownerKey`) → time of its last kill.
    public private(set) var lastKill: [String: Date]
    /// Namespace → kill times of the last hour, oldest first.
    public private(set) var recentKills: [String: [Date]]
    /// Owner key → the hold after its last harmful kill; kept until cleared, whatever its age.
    public private(set) var impactHolds: [String: ImpactHold]

    public init(lastKill: [String: Date] = [:], recentKills: [String: [Date]] = [:], impactHolds: [String: ImpactHold] = [:]) {
        self.lastKill = lastKill
        self.recentKills = recentKills.mapValues { $0.sorted() }
        self.impactHolds = impactHolds
    }

    /// Names rather than uids: an owner deleted and recreated under the same name is the same workload to its team,
    /// and must not get a fresh allowance.
    public static func ownerKey(namespace: String, kind: String, name: String) -> String { "\(namespace)/\(kind)/\(name)" }

    public static func ownerKey(_ owner: Workload) -> String { ownerKey(namespace: owner.namespace, kind: owner.kind, name: owner.name) }

    public mutating func record(owner: String?, namespace: String, at date: Date) {
        if let owner { lastKill[owner] = max(lastKill[owner] ?? date, date) }
        var times = recentKills[namespace] ?? []
        times.append(date)
        times.sort()
        recentKills[namespace] = times
    }

    public func lastKill(of owner: String) -> Date? { lastKill[owner] }

    /// Holds `owner` back after `hold`'s kill, replacing any earlier hold: a later harmful kill needs a fresh clear.
    public mutating func hold(owner: String, _ hold: ImpactHold) {
        impactHolds[owner] = hold
    }

    /// Releases `owner`; returns the hold it had.
    @discardableResult
    public mutating func clearHold(owner: String) -> ImpactHold? {
        impactHolds.removeValue(forKey: owner)
    }

    /// Kills in every namespace within the hour before `now`.
    public func killsInLastHour(now: Date) -> Int {
        recentKills.values.reduce(0) { $0 + Self.withinHour($1, now: now) }
    }

    public func killsInLastHour(namespace: String, now: Date) -> Int {
        Self.withinHour(recentKills[namespace] ?? [], now: now)
    }

    /// A kill stamped later than `now` (a clock stepped back, another leader's clock ahead) still counts:
    /// forgetting it would let a burst through.
    private static func withinHour(_ times: [Date], now: Date) -> Int {
        times.count(where: { now.timeIntervalSince($0) < hour })
    }

    /// Drops what no budget can look at any more, so the persisted state stays small: namespace kills older than an
    /// hour, and owner kills older than `ownerRetention` (the per-owner minimum gap) — but never younger than an hour,
    /// so `/plan` can still say when an owner was last hit. Impact holds are kept: only a clear ends them.
    public mutating func prune(now: Date, ownerRetention: TimeInterval) {
        lastKill = lastKill.filter { now.timeIntervalSince($0.value) < max(ownerRetention, Self.hour) }
        recentKills = recentKills.compactMapValues { times in
            let kept = times.filter { now.timeIntervalSince($0) < Self.hour }
            return kept.isEmpty ? nil : kept
        }
    }

    /// The union of two histories: what a new leader knows plus what the lease says. Kills seen by both are counted once;
    /// of two holds of one owner, the later one stays.
    public func merging(_ other: KillHistory) -> KillHistory {
        var merged = self
        for (owner, date) in other.lastKill { merged.lastKill[owner] = max(merged.lastKill[owner] ?? date, date) }
        for (owner, hold) in other.impactHolds where (merged.impactHolds[owner]?.since ?? .distantPast) <= hold.since {
            merged.impactHolds[owner] = hold
        }
        for (namespace, times) in other.recentKills {
            merged.recentKills[namespace] = Array(Set((merged.recentKills[namespace] ?? []) + times)).sorted()
        }
        return merged
    }

    // MARK: - Persistence

    enum CodingKeys: String, CodingKey {
        case lastKill = "owners"
        case recentKills = "namespaces"
        case impactHolds = "impact"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            lastKill: try container.decode([String: Date].self, forKey: .lastKill),
            recentKills: try container.decode([String: [Date]].self, forKey: .recentKills),
            impactHolds: try container.decodeIfPresent([String: ImpactHold].self, forKey: .impactHolds) ?? [:])
    }

    /// `impact` only when an owner is held, so the usual state stays as small as it was.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastKill, forKey: .lastKill)
        try container.encode(recentKills, forKey: .recentKills)
        if !impactHolds.isEmpty { try container.encode(impactHolds, forKey: .impactHolds) }
    }

    /// Compact JSON with times as Unix seconds, e.g. `{"namespaces":{"demo":[1764000000.5]},"owners":{"demo/Deployment/web":1764000000.5}}`,
    /// with `"impact":{"demo/Deployment/web":{"killId":"…","reason":"…","since":1764000000.5}}` while an owner is held.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        // Encoding dictionaries of strings and dates cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public init(decoding text: String) throws(KillHistoryError) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            self = try decoder.decode(KillHistory.self, from: Data(text.utf8))
        } catch {
            throw KillHistoryError(text: text)
        }
    }
}

/// Persisted kill history that cannot be read; the daemon then starts from an empty history and says so.
public struct KillHistoryError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "persisted kill history is not valid JSON (\(text.prefix(80))); budgets restart from an empty history"
    }
}
