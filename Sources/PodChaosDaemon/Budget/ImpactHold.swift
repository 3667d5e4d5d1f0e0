import Foundation
import PodChaos

/// An owner whose last kill hurt its users: a probe's abort criterion tripped, or the steady state did not hold after
/// recovery. The daemon does not choose it again until an operator annotates it
/// `podchaosmonkey.io/impact-cleared=<killId>` with this kill's id; a later harmful kill needs a fresh clear.
public struct ImpactHold: Sendable, Hashable, Codable {
    /// The kill that hurt.
    public var killId: String
    /// The run's `reason` line, as in its report.
    public var reason: String
    public var since: Date

    public init(killId: String, reason: String, since: Date) {
        self.killId = killId
        self.reason = reason
        self.since = since
    }

    /// Whether the owner's annotations clear this hold: `podchaosmonkey.io/impact-cleared` names this kill.
    public func isCleared(by annotations: [String: String]) -> Bool {
        annotations[PodChaosKeys.impactCleared]?.trimmingCharacters(in: .whitespaces) == killId
    }

    /// The command that clears the hold of `owner` (a `KillHistory.ownerKey`).
    public func clearCommand(owner: String) -> String {
        let parts = owner.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3 else { return "" }
        return "kubectl annotate --overwrite -n \(parts[0]) \(parts[1].lowercased())/\(parts[2]) \(PodChaosKeys.impactCleared)=\(killId)"
    }
}
