import Foundation
import KubeAPI

/// The third phase of a kill: every tracked kill's recovery is awaited and entered in its report entry, counted, and
/// told to its owner in an Event; then the run is finished.
extension ChaosEngine {
    /// The kills with their recovery, and the timeline when asked for. `progress` watches the wait and is stopped with
    /// it. Throws a watch the API refused, as the run cannot say what recovered.
    func collectRecovery(
        _ run: KillRun, _ attempts: [(attempt: Attempt, payload: KillReport.Kill)],
        progress: (@Sendable (RecoveryObserver) async -> Void)?
    ) async throws -> (kills: [KillReport.Kill], timeline: Timeline?) {
        var kills = attempts.map(\.payload)
        guard let observer = run.observer else { return (kills, nil) }
        var victims: [KillID: Candidate] = [:]
        for (attempt, kill) in attempts { victims[kill.killId] = attempt.candidate }
        let timeout = run.options.recovery.timeout
        let results = await withTaskGroup(of: Void.self) { group in
            if let progress { group.addTask { await progress(observer) } }
            let results = await observer.results(timeout: timeout, interruption: run.interruption)
            group.cancelAll()
            return results
        }
        for index in kills.indices {
            let killID = kills[index].killId
            guard let result = results[killID], let victim = victims[killID], let owner = victim.owner else { continue }
            kills[index].recovery = result
            // An interrupted wait observed no outcome: nothing to count, and no Event to tell the owner.
            guard result.verdict != .interrupted else { continue }
            metrics.recovery(result, namespace: owner.namespace, ownerKind: owner.kind)
            await events.recovery(result, owner: owner, victim: victim, killID: killID, timeout: timeout, at: now())
        }
        let timeline = run.options.recovery.timeline ? await observer.timeline : nil
        await observer.stop()
        if let refusal = await observer.refusal { throw refusal }
        return (kills, timeline)
    }

    /// Fails the run on an Event permission refused since the preflight; otherwise, with `--scale-down-self`, scales
    /// the tool's own Deployment to 0.
    func finish(_ run: KillRun) async throws {
        if let refusal = await run.eventGate?.refusal { throw refusal }
        guard run.options.scaleDownSelf, run.options.dryRun == .none else { return }
        let deployment: Workload
        if let found = run.ownDeployment {
            deployment = found
        } else {
            deployment = try await ownDeployment(run.options.criteria.selfIdentity)
        }
        _ = try await client.setReplicas(Deployment.self, namespace: deployment.namespace, name: deployment.name, replicas: 0)
        logger.info("scaled own Deployment to 0", metadata: ["deployment": "\(deployment.namespace)/\(deployment.name)"])
    }
}
