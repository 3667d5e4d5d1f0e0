import Foundation
import PodChaos

/// An owner that may lose a pod this tick, as the draw sees it.
public struct EligibleOwner: Sendable, Hashable {
    /// `KillHistory.ownerKey`.
    public var key: String
    public var namespace: String
    /// Chance of being drawn this tick, from its MTBF and the active time since the previous tick.
    public var probability: Double

    public init(key: String, namespace: String, probability: Double) {
        self.key = key
        self.namespace = namespace
        self.probability = probability
    }
}

/// The pure core of a tick: draw each owner against its probability, then admit the drawn ones through the impact holds
/// and the budgets, at most `maxKills` of them. The generator is passed in, so a seeded month replays exactly.
public enum TickPlanner {
    public enum Decision: Sendable, Hashable {
        /// Owners to lose one pod each, in the order drawn.
        case kill([EligibleOwner])
        case skip(SkipReason)
    }

    /// A drawn owner that `history` holds after a harmful kill is passed over (`impact_cooldown` when no other is left).
    public static func decide<G: RandomNumberGenerator>(
        owners: [EligibleOwner], budget: KillBudget, history: KillHistory, now: Date, maxKills: Int, generator: inout G
    ) -> Decision {
        guard !owners.isEmpty else { return .skip(.noEligiblePods) }
        // One draw per owner in a fixed order, so the outcome depends on the seed and not on listing order.
        var drawn: [EligibleOwner] = []
        for owner in owners.sorted(by: { $0.key < $1.key }) {
            if uniform(&generator) < owner.probability { drawn.append(owner) }
        }
        guard !drawn.isEmpty else { return .skip(.mtbfNotDue) }
        // A cap of zero kills nothing, as an exhausted hourly budget would.
        guard maxKills > 0 else { return .skip(.maxKillsPerHour) }
        // Shuffled, so that under a tight cap no owner is always first in line.
        var index = drawn.count - 1
        while index > 0 {
            drawn.swapAt(index, Int(generator.next().multipliedFullWidth(by: UInt64(index + 1)).high))
            index -= 1
        }
        var tentative = history
        var chosen: [EligibleOwner] = []
        var firstRejection: SkipReason?
        for owner in drawn where chosen.count < maxKills {
            if history.impactHolds[owner.key] != nil {
                firstRejection = firstRejection ?? .impactCooldown
                continue
            }
            if let reason = budget.rejection(owner: owner.key, namespace: owner.namespace, history: tentative, now: now) {
                firstRejection = firstRejection ?? reason
                continue
            }
            // Counted at once, so that two owners drawn together cannot both take the last kill of an hour.
            tentative.record(owner: owner.key, namespace: owner.namespace, at: now)
            chosen.append(owner)
        }
        if chosen.isEmpty { return .skip(firstRejection ?? .mtbfNotDue) }
        return .kill(chosen)
    }

    /// A uniform draw in `0..<1` with 53 bits, as `Double.random(in:)` would give but independent of its algorithm.
    public static func uniform<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
        Double(generator.next() >> 11) * 0x1p-53
    }
}
