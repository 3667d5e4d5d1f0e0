import Foundation
import KubeAPI
import Logging
import PodChaos
import ServiceLifecycle

/// `podchaosmonkey run`: ticks on a schedule and, on each tick, decides whether to kill — only while leading, not
/// paused, inside the activity window, with every earlier victim recovered and the target namespaces healthy, when an
/// owner's MTBF draw comes up and the budgets allow. Each kill's recovery is observed in the background.
public actor ChaosDaemon: ServiceLifecycle.Service {
    /// What one tick came to.
    public enum TickOutcome: Sendable, Hashable {
        /// These owners (`KillHistory.ownerKey`) were handed to the engine, one pod each.
        case killing([String])
        case skipped(SkipReason)
        /// A stop (SIGTERM/SIGINT, cancellation) cancelled the tick before it handed a kill to the engine.
        case interrupted
    }

    let client: KubernetesClient
    let engine: ChaosEngine
    /// What ticks plan from and kills observe recovery through; nil when the targets are too many named namespaces to
    /// watch, and each tick lists instead.
    let cache: WatchCache?
    let options: DaemonOptions
    private let schedule: any TickSchedule
    private let window: any ActivityWindow
    let leadership: any Leadership
    let notifier: any KillNotifier
    let metrics: DaemonMetrics
    let clock: any DaemonClock
    let logger: Logger
    /// What `/healthz` reads: whether the current tick has run too long.
    public nonisolated let liveness: TickLiveness
    private let stop = StopSignal()

    var generator: SeededGenerator
    var history = KillHistory()
    /// The persisted state last read or written, so an unchanged lease is not decoded again.
    var knownState: String?
    private var meter = ActiveTimeMeter()
    var tickNumber = 0
    var inFlight: Task<Void, Never>?
    /// Fires when the kill in flight has finished, so a wait for it can give up without awaiting the task.
    var inFlightDone: StopSignal?
    /// Kills whose recovery is being observed, with the tick that made them.
    var pendingKills: [(kill: KillReport.Kill, tick: Int)] = []
    /// Kills already reported as interrupted at shutdown: a verdict arriving later is not reported.
    var interruptedKills: Set<String> = []
    var state: PlanSnapshot
    var selfDeployment: DeploymentRef?
    var selfResolved = false
    /// The last tick's outcome; a kill that failed on the API counts as `.skipped(.apiError)`, a tick a stop cancelled as
    /// `.interrupted`.
    public internal(set) var lastOutcome: TickOutcome?
    /// Why the last kill's history could not be stored with the lease, if it could not: a running daemon tries again
    /// with the next kill, but `--once` has no next kill, so the CLI fails on it.
    public internal(set) var historyNotPersisted: (any Error)?

    public init(
        client: KubernetesClient, options: DaemonOptions, schedule: any TickSchedule, window: any ActivityWindow,
        leadership: any Leadership, notifier: any KillNotifier = SilentNotifier(), metrics: DaemonMetrics = DaemonMetrics(),
        chaosMetrics: ChaosMetrics = ChaosMetrics(), clock: any DaemonClock = SystemClock(), liveness: TickLiveness? = nil,
        probeTransport: (any ProbeTransport)? = nil, engineTime: EngineTime = EngineTime(), version: String,
        logger: Logger = Logger(label: "podchaosmonkey.daemon")
    ) {
        self.client = client
        let cache = WatchCache.forTargets(options.kill.criteria, client: client)
        self.cache = cache
        self.engine = ChaosEngine(
            client: client, version: version, logger: logger, metrics: chaosMetrics, now: engineTime.now, timer: engineTime.timer,
            inventory: cache, sharedWatches: cache, probeTransport: probeTransport)
        self.options = options
        self.schedule = schedule
        self.window = window
        self.leadership = leadership
        self.notifier = notifier
        self.metrics = metrics
        self.clock = clock
        self.logger = logger
        self.generator = SeededGenerator(seed: options.kill.seed)
        self.state = .empty(maxKillsPerTick: options.kill.maxKills)
        self.liveness = liveness ?? TickLiveness(clock: ContinuousClock(), bound: options.tickTimeout)
    }

    // MARK: - Service

    /// Ticks until SIGTERM/SIGINT (graceful shutdown), cancellation, `--once` or `--max-runtime`; then waits for the
    /// recovery being observed (at most `shutdownTimeout` once asked to stop) and stops leadership, which releases
    /// the lease. Throws only when leadership itself fails.
    public func run() async throws {
        let stop = self.stop
        logger.info(
            "daemon started",
            metadata: [
                "once": "\(options.once)", "max-kills": "\(options.kill.maxKills)", "mode": "\(options.kill.mode.rawValue)",
                "dry-run": "\(options.kill.dryRun.rawValue)",
            ])
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await self.runUntilStopped()
        } onCancelOrGracefulShutdown: {
            stop.trigger()
        }
    }

    private func runUntilStopped() async throws {
        let leadership = self.leadership
        let stop = self.stop
        let logger = self.logger
        let cache = self.cache
        if cache == nil {
            logger.notice(
                "more named namespaces than can be watched: every tick lists them", metadata: ["limit": "\(WatchCache.namespaceLimit)"])
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let cache { group.addTask { await cache.run() } }
            group.addTask {
                do {
                    try await leadership.run()
                } catch is CancellationError {
                } catch {
                    logger.error("leadership failed; stopping", metadata: ["error": "\(error)"])
                    stop.trigger()
                    throw error
                }
            }
            await self.loop()
            await self.finishInFlight()
            // Killing has stopped: only now may the lease go to a successor.
            group.cancelAll()
            try await group.waitForAll()
        }
        metrics.nextKill(at: nil)
        logger.notice("stopped", metadata: ["ticks": "\(tickNumber)"])
    }

    private func loop() async {
        if options.once {
            // One tick decides nothing if it comes before the first attempt to acquire the Lease has finished; a
            // Lease that cannot be read or written (RBAC, say) must end the run rather than hang it.
            guard await leadershipKnown() || stop.isStopped else {
                tickNumber += 1
                _ = skip(
                    .apiError, detail: "leadership still unknown after \(options.leadershipTimeout): the Lease could not be read or written"
                )
                return
            }
            let now = clock.now()
            _ = await stop.race { await self.tick(at: now) }
            return
        }
        let start = clock.now()
        let deadline = options.maxRuntime.map { start.addingTimeInterval($0.seconds) }
        var after = start
        while !stop.isStopped {
            guard let next = schedule.next(after: after, random: TickPlanner.uniform(&generator)) else {
                logger.notice("the schedule fires no more; stopping")
                return
            }
            if let deadline, next > deadline {
                if await sleep(until: deadline) { logger.notice("--max-runtime reached; stopping") }
                return
            }
            state.nextTick = next
            metrics.nextKill(at: next)
            guard await sleep(until: next) else { return }
            // A stop cancels the tick: planning is abandoned, a kill already handed to the engine goes on.
            guard await stop.race({ await self.tick(at: next) }) else { return }
            // A tick that ran long must not be followed by a burst of catch-up ticks.
            after = max(next, clock.now())
        }
    }

    /// Waits until leadership is known: false when `leadershipTimeout` passes first on the daemon's clock, or the stop
    /// signal fires.
    private func leadershipKnown() async -> Bool {
        let leadership = self.leadership
        let clock = self.clock
        let stop = self.stop
        let deadline = clock.now().addingTimeInterval(options.leadershipTimeout.seconds)
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await leadership.untilKnown()
                return !Task.isCancelled
            }
            group.addTask {
                try? await clock.sleep(until: deadline)
                return false
            }
            group.addTask {
                await stop.wait()
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// False when the stop signal interrupted the sleep.
    private func sleep(until deadline: Date) async -> Bool {
        let clock = self.clock
        return await stop.race { try? await clock.sleep(until: deadline) }
    }

    /// Waits for the kill in flight to finish its recovery observation, which its recovery timeout bounds. Once asked to
    /// stop, at most `shutdownTimeout` more on the daemon's clock: then the observation is cancelled and its kills
    /// reported as interrupted, without a verdict; a task that does not heed the cancellation is left behind rather than
    /// waited for. A run that ended by itself (`--once`, `--max-runtime`, a schedule that fires no more) gets its verdict.
    private func finishInFlight() async {
        guard inFlight != nil, let done = inFlightDone else { return }
        let stop = self.stop
        let clock = self.clock
        let timeout = options.shutdownTimeout.seconds
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await done.wait()
                return !Task.isCancelled
            }
            group.addTask {
                await stop.wait()
                try? await clock.sleep(until: clock.now().addingTimeInterval(timeout))
                return false
            }
            let first = await group.next() ?? true
            group.cancelAll()
            return first
        }
        if !finished { interruptRecoveries() }
    }

    // MARK: - Tick

    /// One decision at `time`. The kill itself and its recovery run in the background; `waitForRecoveries` awaits them.
    @discardableResult
    func tick(at time: Date) async -> TickOutcome {
        tickNumber += 1
        liveness.tickStarted(tickNumber)
        defer { liveness.tickFinished() }
        metrics.tick()
        let elapsed = meter.elapsed(at: time, schedule: schedule, window: window)
        state.lastTick = time
        let leading = await leadership.isLeading()
        metrics.leader(leading)
        state.leading = leading
        guard leading else { return skip(.notLeader) }
        await adoptPersistedHistory()
        history.prune(now: time, ownerRetention: options.budget.minTimeBetweenKillsPerOwner.seconds)

        do {
            state.paused = try await selfPaused()
        } catch {
            return failed(error)
        }
        if state.paused { return skip(.paused) }
        guard window.isActive(at: time) else { return skip(.inactive) }
        if inFlight != nil { return skip(.recoveryPending) }

        let planned: PlanResult
        let gates: NamespaceGates
        do {
            var planOptions = options.kill
            planOptions.owners = nil
            planned = try await engine.plan(planOptions)
            gates = try await namespaceGates(planned)
        } catch {
            return failed(error)
        }
        state.pausedNamespaces = gates.paused.sorted()
        state.unreadyNamespaces = gates.unready.sorted()
        var seen: [String: Workload] = [:]
        for candidate in planned.inventory.candidates {
            if let owner = candidate.owner { seen[KillHistory.ownerKey(owner)] = owner }
        }
        if releaseClearedHolds(seen) { await persistHistory() }

        var workloads: [String: Workload] = [:]
        for candidate in planned.selection.eligible {
            if let owner = candidate.owner { workloads[KillHistory.ownerKey(owner)] = owner }
        }
        let open = workloads.filter { !gates.paused.contains($0.value.namespace) && !gates.unready.contains($0.value.namespace) }
        var drawable: [EligibleOwner] = []
        var shown: [PlanSnapshot.Owner] = []
        for (key, owner) in open.sorted(by: { $0.key < $1.key }) {
            var entry = PlanSnapshot.Owner(
                namespace: owner.namespace, kind: owner.kind, name: owner.name, mtbf: nil, mtbfProblem: nil, probability: 0,
                lastKill: history.lastKill(of: key),
                cooldownUntil: options.budget.cooldownEnds(owner: key, history: history, now: time))
            switch options.mtbf.mtbf(for: owner) {
            case .success(let mtbf):
                let probability = MTBFRule.probability(activeElapsed: elapsed, mtbf: mtbf)
                entry.mtbf = GoDuration.format(mtbf, precision: .readable)
                entry.probability = probability
                drawable.append(EligibleOwner(key: key, namespace: owner.namespace, probability: probability))
            case .failure(let problem):
                entry.mtbfProblem = problem.description
            }
            shown.append(entry)
        }
        state.eligibleOwners = shown

        if workloads.isEmpty { return skip(.noEligiblePods) }
        if open.isEmpty {
            return skip(workloads.values.contains { gates.paused.contains($0.namespace) } ? .paused : .namespaceUnready)
        }
        if drawable.isEmpty { return skip(.mtbfNotDue) }
        let decision = TickPlanner.decide(
            owners: drawable, budget: options.budget, history: history, now: time, maxKills: options.kill.maxKills,
            generator: &generator)
        switch decision {
        case .skip(let reason):
            return skip(reason)
        case .kill where Task.isCancelled:
            return interrupted()
        case .kill(let chosen):
            startKill(chosen.compactMap { workloads[$0.key] })
            state.lastDecision = "kill"
            state.lastSkipReason = nil
            lastOutcome = .killing(chosen.map(\.key))
            return .killing(chosen.map(\.key))
        }
    }

    /// A request failed: an API error, unless a stop cancelled the tick, which abandons its requests.
    private func failed(_ error: any Error) -> TickOutcome {
        Task.isCancelled ? interrupted() : skip(.apiError, detail: "\(error)")
    }

    /// Not a skip: the tick decided nothing because the daemon is stopping.
    private func interrupted() -> TickOutcome {
        state.lastDecision = "interrupted"
        state.lastSkipReason = nil
        lastOutcome = .interrupted
        logger.info("tick interrupted", metadata: ["tick": "\(tickNumber)", "decision": "interrupted", "reason": "stopping"])
        return .interrupted
    }

    private func skip(_ reason: SkipReason, detail: String? = nil) -> TickOutcome {
        metrics.skipped(reason)
        state.lastDecision = "skip"
        state.lastSkipReason = reason
        lastOutcome = .skipped(reason)
        var metadata: Logger.Metadata = ["tick": "\(tickNumber)", "decision": "skip", "reason": "\(reason.rawValue)"]
        if let detail { metadata["error"] = "\(detail)" }
        if reason == .apiError {
            logger.warning("tick skipped", metadata: metadata)
        } else {
            logger.info("tick skipped", metadata: metadata)
        }
        return .skipped(reason)
    }
}
