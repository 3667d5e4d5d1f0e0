import PodChaos

/// A notifier that tells no one: `run` without webhooks.
public struct SilentNotifier: KillNotifier {
    public init() {}
    public func killed(_ kill: KillReport.Kill) {}
    public func recovered(_ kill: KillReport.Kill) {}
    public func interrupted(_ kill: KillReport.Kill) {}
}
