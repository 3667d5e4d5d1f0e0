import Foundation

/// How many victims a run asks for: `--count N`, `--percent P` or `--all`; `--max-kills` caps all three.
public enum KillCount: Sendable, Hashable, CustomStringConvertible {
    case count(Int)
    case percent(Double)
    case all

    /// Victims wanted out of `eligible` pods, never more than `maxKills`. A percentage of a non-empty set is at least 1.
    public func target(eligible: Int, maxKills: Int) -> Int {
        guard eligible > 0, maxKills > 0 else { return 0 }
        return max(0, min(wanted(eligible: eligible), eligible, maxKills))
    }

    /// Victims asked for out of `eligible` pods, before `--max-kills`.
    public func wanted(eligible: Int) -> Int {
        switch self {
        case .count(let n): n
        case .percent(let p): eligible > 0 ? max(1, Int((Double(eligible) * p / 100).rounded(.down))) : 0
        case .all: eligible
        }
    }

    /// The flag that asked for it: `--count 5`, `--percent 50`, `--all`.
    public var flag: String {
        switch self {
        case .count(let n): "--count \(n)"
        case .percent(let p): "--percent \(p.formatted(.number.grouping(.never)))"
        case .all: "--all"
        }
    }

    public var description: String {
        switch self {
        case .count(let n): "\(n)"
        case .percent(let p): "\(p)%"
        case .all: "all"
        }
    }
}
