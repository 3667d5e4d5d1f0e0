import KubeAPI

/// Watches a recovery observer may share instead of opening its own: the daemon's watch cache, which already lists
/// and watches its targets.
public protocol RecoveryWatchSource: Sendable {
    /// The events of `type` in `namespace` (nil: every namespace) from a watch already running — the objects as of
    /// now as `.synced`, then every change — or nil when none covers that scope.
    func sharedEvents<T: KubernetesObject>(_ type: T.Type, namespace: String?) async -> AsyncThrowingStream<Reflector<T>.Event, any Error>?
}
