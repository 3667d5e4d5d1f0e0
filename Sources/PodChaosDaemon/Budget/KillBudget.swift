import Foundation
import KubeAPI

/// The global caps of `run`: kills per hour, kills per namespace per hour, and the minimum gap between two kills of
/// one owner. Pure: the history and the clock are passed in.
public struct KillBudget: Sendable, Hashable {
    /// `--max-kills-per-hour`; nil means no cap.
    public var maxKillsPerHour: Int?
    /// `--max-kills-per-namespace-per-hour`; nil means no cap.
    public var maxKillsPerNamespacePerHour: Int?
    /// `--min-time-between-kills-per-owner`, default one hour.
    public var minTimeBetweenKillsPerOwner: Duration

    public init(
        maxKillsPerHour: Int? = nil, maxKillsPerNamespacePerHour: Int? = nil, minTimeBetweenKillsPerOwner: Duration = .seconds(3600)
    ) {
        self.maxKillsPerHour = maxKillsPerHour
        self.maxKillsPerNamespacePerHour = maxKillsPerNamespacePerHour
        self.minTimeBetweenKillsPerOwner = minTimeBetweenKillsPerOwner
    }

    /// nil when a kill of `owner` in `namespace` at `now` fits every cap; otherwise the first cap it would break.
    public func rejection(owner: String, namespace: String, history: KillHistory, now: Date) -> SkipReason? {
        if let cap = maxKillsPerHour, history.killsInLastHour(now: now) >= cap { return .maxKillsPerHour }
        if let cap = maxKillsPerNamespacePerHour, history.killsInLastHour(namespace: namespace, now: now) >= cap {
            return .maxKillsPerNamespacePerHour
        }
        if let last = history.lastKill(of: owner), now.timeIntervalSince(last) < minTimeBetweenKillsPerOwner.seconds {
            return .ownerCooldown
        }
        return nil
    }

    /// Kills the hourly cap still allows at `now`; nil when uncapped.
    public func killsLeftThisHour(history: KillHistory, now: Date) -> Int? {
        maxKillsPerHour.map { max(0, $0 - history.killsInLastHour(now: now)) }
    }

    /// Kills the per-namespace cap still allows in `namespace` at `now`; nil when uncapped.
    public func killsLeftThisHour(namespace: String, history: KillHistory, now: Date) -> Int? {
        maxKillsPerNamespacePerHour.map { max(0, $0 - history.killsInLastHour(namespace: namespace, now: now)) }
    }

    /// When `owner` may be killed again; nil when it may be killed now.
    public func cooldownEnds(owner: String, history: KillHistory, now: Date) -> Date? {
        guard let last = history.lastKill(of: owner) else { return nil }
        let end = last.addingTimeInterval(minTimeBetweenKillsPerOwner.seconds)
        return end > now ? end : nil
    }
}
