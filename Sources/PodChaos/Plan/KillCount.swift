/// How many victims a run asks for: `--count N`, `--percent P` or `--all`; `--max-kills` caps all three.
public enum KillCount: Sendable, Hashable, CustomStringConvertible {
    case count(Int)
    case percent(Double)
    case all

    /// Victims wanted out of `eligible` pods, never more than `maxKills`. A percentage of a non-empty set is at least 1.
    public func target(eligible: Int, maxKills: Int) -> Int {
        guard eligible > 0, maxKills > 0 else { return 0 }
        let wanted: Int
        switch self {
        case .count(let n): wanted = n
        case .percent(let p): wanted = max(1, Int((Double(eligible) * p / 100).rounded(.down)))
        case .all: wanted = eligible
        }
        return max(0, min(wanted, eligible, maxKills))
    }

    public var description: String {
        switch self {
        case .count(let n): "\(n)"
        case .percent(let p): "\(p)%"
        case .all: "all"
        }
    }
}
