/// How long the simulated kubelet takes for each step of a pod's life, unless a pod's annotations say otherwise.
public struct PodLifecycleTimings: Sendable, Hashable {
    /// Scheduled to Running (the containers start).
    public var startDelay: Duration
    /// Running to Ready.
    public var readyDelay: Duration
    /// Terminating to gone; never longer than the pod's grace period.
    public var terminationDelay: Duration
    /// The first CrashLoopBackOff wait; it doubles per restart up to `maximumBackOff`, as the kubelet's does.
    public var initialBackOff: Duration
    public var maximumBackOff: Duration

    public init(
        startDelay: Duration = .milliseconds(500), readyDelay: Duration = .milliseconds(500),
        terminationDelay: Duration = .milliseconds(300),
        initialBackOff: Duration = .seconds(10), maximumBackOff: Duration = .seconds(300)
    ) {
        self.startDelay = startDelay
        self.readyDelay = readyDelay
        self.terminationDelay = terminationDelay
        self.initialBackOff = initialBackOff
        self.maximumBackOff = maximumBackOff
    }
}
