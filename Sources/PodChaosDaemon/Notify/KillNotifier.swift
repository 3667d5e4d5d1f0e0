import PodChaos

/// Receives each kill as soon as it is made, and again when its recovery verdict is in, or when its observation is
/// abandoned at shutdown without a verdict (`interrupted`).
/// Implementations must return at once: a slow receiver may never delay a kill decision.
public protocol KillNotifier: Sendable {
    func killed(_ kill: KillReport.Kill)
    func recovered(_ kill: KillReport.Kill)
    func interrupted(_ kill: KillReport.Kill)
}
