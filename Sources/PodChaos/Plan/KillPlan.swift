/// The victims a run will try, in order: the eligible pods shuffled by the seed. Executing walks this order and
/// consults the ledger before each kill, so the floor holds whatever the server answers.
public struct KillPlan: Sendable {
    public var seed: UInt64
    public var target: Int
    public var order: [Candidate]

    public init(eligible: [Candidate], count: KillCount, maxKills: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        // Sort first so that the order pods were listed in never changes what a seed picks.
        let canonical = eligible.sorted { $0.key < $1.key }
        self.seed = seed
        self.target = count.target(eligible: eligible.count, maxKills: maxKills)
        self.order = generator.shuffle(canonical)
    }

    /// What a run would kill if every attempt succeeded: `plan` and `--dry-run` show this.
    public func preview(ledger: KillLedger) -> (victims: [Candidate], skipped: [Exclusion]) {
        var ledger = ledger
        var victims: [Candidate] = []
        var skipped: [Exclusion] = []
        for candidate in order where victims.count < target {
            if let reason = ledger.rejection(of: candidate) {
                skipped.append(Exclusion(candidate: candidate, reasons: [reason]))
                continue
            }
            ledger.record(candidate)
            victims.append(candidate)
        }
        return (victims, skipped)
    }
}

/// What one kill attempt came to.
public enum AttemptOutcome: Sendable, Hashable {
    case killed
    /// Refused without harm, e.g. by a PodDisruptionBudget; another candidate may be tried.
    case blocked(reason: String)
    /// The pod was already gone; counts as a kill so that no second victim replaces it.
    case gone
    /// An error that makes further attempts pointless (forbidden, unreachable): the run stops.
    case failed(reason: String)
}

/// One attempt in the order made.
public struct Attempt: Sendable, Hashable {
    public var candidate: Candidate
    public var outcome: AttemptOutcome
}

extension KillPlan {
    /// Walks the order, asking `attempt` to kill each admissible candidate, until `target` kills, the order ends, or
    /// an attempt fails. Blocked candidates are skipped and the next is tried; the cap is never exceeded.
    public func execute(
        ledger initial: KillLedger, attempt: (Candidate) async -> AttemptOutcome
    ) async -> (attempts: [Attempt], skipped: [Exclusion]) {
        var ledger = initial
        var attempts: [Attempt] = []
        var skipped: [Exclusion] = []
        var kills = 0
        for candidate in order where kills < target {
            if let reason = ledger.rejection(of: candidate) {
                skipped.append(Exclusion(candidate: candidate, reasons: [reason]))
                continue
            }
            let outcome = await attempt(candidate)
            attempts.append(Attempt(candidate: candidate, outcome: outcome))
            switch outcome {
            case .killed, .gone:
                ledger.record(candidate)
                kills += 1
            case .blocked:
                continue
            case .failed:
                return (attempts, skipped)
            }
        }
        return (attempts, skipped)
    }
}
