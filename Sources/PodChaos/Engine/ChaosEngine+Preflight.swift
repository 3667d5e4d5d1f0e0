import KubeAPI

/// The first phase of a kill: everything a run will need is proven while nothing has been harmed yet, so a run that
/// cannot finish as asked never starts.
extension ChaosEngine {
    /// Plans, then proves in the first victim's namespace that recovery may be watched and the kill's Event written,
    /// and that `--scale-down-self` has a Deployment it may scale.
    func preflight(_ options: KillOptions, interruption: Interruption?) async throws -> KillRun {
        if options.scaleDownSelf, options.criteria.selfIdentity.podName == nil { throw EngineError.selfUnknown }
        let planned = try await plan(options)
        let observing = options.dryRun == .none && options.recovery.wait && planned.willKill
        let observer = observing ? recoveryObserver(planned, options) : nil
        let eventGate =
            options.dryRun != .client && planned.willKill ? EventPermissionGate(events: events, mode: options.mode, now: now) : nil
        do {
            if let observer { try await proveWatch(observer, planned) }
            var ownDeployment: Workload?
            if let eventGate { ownDeployment = try await proveWrites(eventGate, planned, options) }
            return KillRun(
                options: options, planned: planned, interruption: interruption, observer: observer, eventGate: eventGate,
                ownDeployment: ownDeployment)
        } catch {
            await observer?.stop()
            throw error
        }
    }

    /// Watches recovery where kills happen: namespace by namespace, or cluster-wide from the start when the victims
    /// span more namespaces than can be watched one by one and the configuration may read every namespace.
    private func recoveryObserver(_ planned: PlanResult, _ options: KillOptions) -> RecoveryObserver {
        let mayWatchCluster = options.criteria.namespaces.listsAllNamespaces
        let spread = Set(planned.victims.map(\.namespace)).count
        return RecoveryObserver(
            client: client, logger: logger, clock: now, timer: timer, mayWatchCluster: mayWatchCluster,
            clusterWide: mayWatchCluster && RecoveryObserver.prefersClusterWide(namespaces: spread), shared: sharedWatches)
    }

    /// Watches the first victim's namespace before any kill: a missing permission fails the run unharmed.
    private func proveWatch(_ observer: RecoveryObserver, _ planned: PlanResult) async throws {
        if let first = planned.firstVictim { _ = await observer.watch(namespace: first.namespace) }
        if let refusal = await observer.refusal { throw refusal }
    }

    /// Proves the writes the run will make: the kill's Event where the first victim lives (elsewhere, the gate proves
    /// it before the first kill there), and with `--scale-down-self` the scaling of the own Deployment, as a server
    /// dry run. Returns that Deployment.
    private func proveWrites(_ eventGate: EventPermissionGate, _ planned: PlanResult, _ options: KillOptions) async throws -> Workload? {
        if let first = planned.firstVictim { try await eventGate.prove(first) }
        guard options.scaleDownSelf else { return nil }
        let deployment = try await ownDeployment(options.criteria.selfIdentity)
        _ = try await client.setReplicas(Deployment.self, namespace: deployment.namespace, name: deployment.name, replicas: 0, dryRun: true)
        return deployment
    }

    /// The Deployment `--scale-down-self` scales: the controller of the tool's own pod.
    func ownDeployment(_ identity: SelfIdentity) async throws -> Workload {
        guard let own = try await OwnPod.read(identity, client: client) else { throw EngineError.selfUnknown }
        guard let deployment = own.deployment else { throw EngineError.selfNotDeployment(own.pod.name) }
        return deployment
    }
}
