import Foundation

/// What `/plan` shows: the daemon's view as of its last tick. Keys are documented in docs/daemon.md.
public struct PlanSnapshot: Sendable, Encodable, Equatable {
    public struct Owner: Sendable, Encodable, Equatable {
        public var namespace: String
        public var kind: String
        public var name: String
        /// The MTBF in use (`2d`), nil when the owner has none and is never drawn.
        public var mtbf: String?
        /// Why the owner has no usable MTBF.
        public var mtbfProblem: String?
        /// Chance of being drawn on a tick as long as the last one.
        public var probability: Double
        public var lastKill: Date?
        /// Until when `--min-time-between-kills-per-owner` holds it back.
        public var cooldownUntil: Date?
    }

    /// An owner held after a kill that hurt its users (`impact_cooldown`), and how to release it.
    public struct HeldOwner: Sendable, Encodable, Equatable {
        /// `KillHistory.ownerKey`.
        public var owner: String
        public var killId: String
        public var reason: String
        public var since: Date
        /// The `kubectl annotate` command that clears the hold.
        public var clear: String
    }

    /// Kill runs with probes since this daemon started, by what they did to the users.
    public struct ProbedKills: Sendable, Encodable, Equatable {
        public var runs = 0
        /// Nothing killed: the steady state did not hold before.
        public var steadyStateNotMet = 0
        public var aborted = 0
        public var steadyStateNotMetAfter = 0

        mutating func count(_ outcome: KillImpact.Outcome) {
            runs += 1
            switch outcome {
            case .steadyStateNotMet: steadyStateNotMet += 1
            case .aborted: aborted += 1
            case .steadyStateNotMetAfter: steadyStateNotMetAfter += 1
            case .held, .notJudged: break
            }
        }
    }

    public struct Budgets: Sendable, Encodable, Equatable {
        /// Kills `--max-kills-per-hour` still allows now; nil when uncapped.
        public var killsLeftThisHour: Int?
        /// Per target namespace, kills `--max-kills-per-namespace-per-hour` still allows; empty when uncapped.
        public var killsLeftThisHourByNamespace: [String: Int]
        public var maxKillsPerTick: Int
    }

    public var lastTick: Date?
    public var nextTick: Date?
    public var leading: Bool
    /// The tool's own Deployment carries `podchaosmonkey.io/paused=true`.
    public var paused: Bool
    public var pausedNamespaces: [String]
    public var unreadyNamespaces: [String]
    public var eligibleOwners: [Owner]
    public var budgets: Budgets
    /// Kills whose recovery is still being observed; no new kill until they are in.
    public var recoveryPending: [String]
    public var lastDecision: String?
    public var lastSkipReason: SkipReason?
    /// Owners held after a kill that hurt their users, oldest hold first.
    public var impactHolds: [HeldOwner] = []
    /// The last kill run with probes: what it did to the users.
    public var lastProbedKill: KillImpact?
    public var probedKills = ProbedKills()

    public static func empty(maxKillsPerTick: Int) -> PlanSnapshot {
        PlanSnapshot(
            lastTick: nil, nextTick: nil, leading: false, paused: false, pausedNamespaces: [], unreadyNamespaces: [], eligibleOwners: [],
            budgets: Budgets(killsLeftThisHour: nil, killsLeftThisHourByNamespace: [:], maxKillsPerTick: maxKillsPerTick),
            recoveryPending: [], lastDecision: nil, lastSkipReason: nil)
    }

    /// Pretty, key-sorted JSON with RFC 3339 times: the `/plan` body.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
