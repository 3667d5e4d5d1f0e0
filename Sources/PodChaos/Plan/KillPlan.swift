/// The victims a run will try, in order: the eligible pods shuffled by the seed. Executing walks this order and
/// consults the ledger before each kill, so the floor holds whatever the server answers.
public struct KillPlan: Sendable {
    public var seed: UInt64
    public var count: KillCount
    public var maxKills: Int
    public var target: Int
    public var order: [Candidate]

    public init(eligible: [Candidate], count: KillCount, maxKills: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        // Sort first so that the order pods were listed in never changes what a seed picks.
        let canonical = eligible.sorted { $0.key < $1.key }
        self.seed = seed
        self.count = count
        self.maxKills = maxKills
        self.target = count.target(eligible: eligible.count, maxKills: maxKills)
        self.order = generator.shuffle(canonical)
    }

    /// Whether `--max-kills` lowered the number of victims the count asked for (and the eligible pods allowed).
    public var isCapped: Bool { min(count.wanted(eligible: order.count), order.count) > maxKills }

    /// What a run would kill if every attempt succeeded: `plan` and `--dry-run` show this.
    public func preview(ledger: KillLedger) -> (victims: [Candidate], skipped: [Exclusion]) {
        let away = turnedAway(ledger: ledger)
        var ledger = ledger
        var victims: [Candidate] = []
        var skipped = away
        for candidate in order where victims.count < target && away[candidate.key] == nil {
            if let reason = ledger.rejection(of: candidate) {
                skipped[candidate.key] = Exclusion(candidate: candidate, reasons: [reason])
                continue
            }
            ledger.record(candidate)
            victims.append(candidate)
        }
        return (victims, inOrder(skipped))
    }

    /// The pods turned away before anything is killed, by pod key: those the floor rejects on the cluster as it is
    /// (a kill can only make the floor stricter, so no run would kill them), and with `--max-kills 0` every other one.
    func turnedAway(ledger: KillLedger) -> [String: Exclusion] {
        var away: [String: Exclusion] = [:]
        for candidate in order {
            let reason = ledger.rejection(of: candidate) ?? (maxKills <= 0 ? .maxKills : nil)
            if let reason { away[candidate.key] = Exclusion(candidate: candidate, reasons: [reason]) }
        }
        return away
    }

    /// The exclusions in the order the plan walks the pods.
    func inOrder(_ exclusions: [String: Exclusion]) -> [Exclusion] { order.compactMap { exclusions[$0.key] } }
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
    /// Walks the order until `target` kills, the order ends, or an attempt fails; blocked candidates are skipped and
    /// the next is tried; the ledger is consulted before every kill, so the cap and the floor hold whatever the server
    /// answers. Serial: one attempt at a time, `interval` apart on `clock`. Parallel: as many at once as kills are still
    /// wanted, then another round for those that were blocked.
    /// Once `interruption` (a signal) or `halt` (a probe's abort criterion) is raised no further kill starts: both are
    /// checked before every batch and end the pause. `settle`, awaited before each check, lets the source of `halt`
    /// catch up with what happened so far.
    public func execute<Payload: Sendable>(
        ledger initial: KillLedger, parallel: Bool = false, interval: Duration? = nil, interruption: Interruption? = nil,
        halt: Interruption? = nil, settle: (@Sendable () async -> Void)? = nil, clock: any Clock<Duration> = ContinuousClock(),
        attempt: @escaping @Sendable (Candidate) async -> (AttemptOutcome, Payload)
    ) async -> (attempts: [(attempt: Attempt, payload: Payload)], skipped: [Exclusion]) {
        var ledger = initial
        var attempts: [(attempt: Attempt, payload: Payload)] = []
        var skipped = turnedAway(ledger: initial)
        var remaining = order.filter { skipped[$0.key] == nil }[...]
        var kills = 0
        func stopped() -> Bool { interruption?.isRaised ?? false || halt?.isRaised ?? false }
        while kills < target {
            await settle?()
            if stopped() { break }
            var trial = ledger
            var batch: [Candidate] = []
            let room = parallel ? target - kills : 1
            while batch.count < room, let candidate = remaining.popFirst() {
                if let reason = trial.rejection(of: candidate) {
                    skipped[candidate.key] = Exclusion(candidate: candidate, reasons: [reason])
                    continue
                }
                trial.record(candidate)
                batch.append(candidate)
            }
            guard !batch.isEmpty else { break }
            if !parallel, !attempts.isEmpty, let interval {
                await Self.pause(interval, on: clock, unless: [interruption, halt].compactMap { $0 })
                await settle?()
                if stopped() { break }
            }
            let results = await withTaskGroup(of: (Int, AttemptOutcome, Payload).self) { group in
                for (index, candidate) in batch.enumerated() {
                    group.addTask {
                        let (outcome, payload) = await attempt(candidate)
                        return (index, outcome, payload)
                    }
                }
                var collected: [(Int, AttemptOutcome, Payload)] = []
                for await result in group { collected.append(result) }
                return collected.sorted { $0.0 < $1.0 }
            }
            var failed = false
            for (index, outcome, payload) in results {
                let candidate = batch[index]
                attempts.append((Attempt(candidate: candidate, outcome: outcome), payload))
                switch outcome {
                case .killed, .gone:
                    ledger.record(candidate)
                    kills += 1
                case .blocked:
                    continue
                case .failed:
                    failed = true
                }
            }
            if failed { break }
        }
        return (attempts, inOrder(skipped))
    }

    /// Sleeps for `interval` on `clock`; returns early once one of `interruptions` is raised or the task is cancelled.
    static func pause(_ interval: Duration, on clock: any Clock<Duration>, unless interruptions: [Interruption]) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(for: interval) }
            for interruption in interruptions { group.addTask { await interruption.wait() } }
            await group.next()
            group.cancelAll()
        }
    }
}
