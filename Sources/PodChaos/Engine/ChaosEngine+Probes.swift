import Foundation

/// A kill with probes: the probes run from the end of the preflight until after the verdict. Nothing is killed unless
/// every probe's steady state holds over the baseline window; a probe's abort criterion stops further kills; once the
/// owners recovered, the steady state must hold again over the after window for the run to pass.
extension ChaosEngine {
    /// `--probe` and the probes the planned victims' owners name (`OwnerProbes`); a run that kills nothing, or an
    /// engine without a probe transport, runs none of the owners'.
    func probes(for run: KillRun) -> [ProbeSpec] {
        guard run.planned.willKill, probeTransport != nil else { return run.options.probes }
        let (probes, ignored) = OwnerProbes.probes(run.options.probes, owners: run.planned.victims.compactMap(\.owner))
        for refusal in ignored {
            logger.warning(
                "ignoring a probe an owner names",
                metadata: ["owner": "\(refusal.owner)", "annotation": "\(PodChaosKeys.probe)", "reason": "\(refusal.reason)"])
        }
        return probes
    }

    /// Runs `run` with `probes` in place of its `--probe` list.
    func probedKill(
        _ run: KillRun, probes: [ProbeSpec], transport: any ProbeTransport, progress: (@Sendable (RecoveryObserver) async -> Void)?,
        onKill: (@Sendable (KillReport.Kill) async -> Void)?, startedAt: Date
    ) async throws -> KillReport {
        var run = run
        run.options.probes = probes
        let session = ProbeSession(probes: probes, transport: transport, now: now, timer: timer)
        let probeStart = now()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await session.run() }
            do {
                let report = try await experiment(
                    run, session, probeStart: probeStart, progress: progress, onKill: onKill, startedAt: startedAt)
                group.cancelAll()
                return report
            } catch {
                group.cancelAll()
                await run.observer?.stop()
                throw error
            }
        }
    }

    private func experiment(
        _ run: KillRun, _ session: ProbeSession, probeStart: Date, progress: (@Sendable (RecoveryObserver) async -> Void)?,
        onKill: (@Sendable (KillReport.Kill) async -> Void)?, startedAt: Date
    ) async throws -> KillReport {
        let options = run.options
        let signals = [run.interruption].compactMap { $0 }
        await KillPlan.pause(options.probeWindows.baseline, on: timer, unless: signals)
        let before = run.interruption?.isRaised == true ? nil : await judge(session, .baseline, from: probeStart, options.probes)
        guard let before, before.values.allSatisfy(\.isEmpty) else {
            await run.observer?.stop()
            let bounds = ProbeWindowBounds(start: probeStart, firstKill: nil, recovered: nil, end: now())
            let probes = await probesReport(session, options, bounds: bounds, kills: [], before: before, after: nil)
            return report(run, kills: [], turnedAway: [], timeline: nil, startedAt: startedAt, probes: probes)
        }
        await session.beginDisruption(at: now())
        let now = self.now
        let execution = await execute(run, onKill: onKill, halt: session.abort, settle: { await session.settled(before: now()) })
        let (kills, timeline) = try await collectRecovery(run, execution.attempts, progress: progress)
        let recovered = now()
        let killed = kills.filter { $0.result == .killed }.map { (id: $0.killId, at: $0.requestedAt) }
        var after: [String: [String]]?
        if !killed.isEmpty, run.interruption?.isRaised != true {
            await KillPlan.pause(options.probeWindows.after, on: timer, unless: signals)
            if run.interruption?.isRaised != true { after = await judge(session, .after, from: recovered, options.probes) }
        }
        let bounds = ProbeWindowBounds(
            start: probeStart, firstKill: killed.first?.at, recovered: killed.isEmpty ? nil : recovered, end: now())
        let probes = await probesReport(session, options, bounds: bounds, kills: killed, before: before, after: after)
        try await finish(run)
        return report(run, kills: kills, turnedAway: execution.skipped, timeline: timeline, startedAt: startedAt, probes: probes)
    }

    /// The steady state of every probe over the requests sent from `from` until now.
    private func judge(_ session: ProbeSession, _ window: ProbeWindow, from: Date, _ probes: [ProbeSpec]) async -> [String: [String]] {
        let to = now()
        await session.settled(before: to)
        let samples = await session.recorded()
        let summaries = Dictionary(
            uniqueKeysWithValues: probes.map { probe in
                (
                    probe.name,
                    ProbeWindowSummary(
                        window: window, samples: samples[probe.name] ?? [], from: from, to: to, kills: [], includingEnd: window == .after)
                )
            })
        let findings = SteadyStateHypothesis.judge(probes, summaries: summaries)
        for line in SteadyStateHypothesis.lines(findings, order: probes) {
            logger.warning("steady state not met", metadata: ["window": "\(window)", "finding": "\(line)"])
        }
        return findings
    }

    private func probesReport(
        _ session: ProbeSession, _ options: KillOptions, bounds: ProbeWindowBounds, kills: [(id: KillID, at: Date)],
        before: [String: [String]]?, after: [String: [String]]?
    ) async -> ProbesReport {
        let section = ProbesReport(
            probes: options.probes, samples: await session.recorded(), bounds: bounds, kills: kills, windows: options.probeWindows,
            before: before, after: after, aborted: await session.abortCause())
        metrics.probes(section)
        return section
    }
}
