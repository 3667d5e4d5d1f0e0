/// The server's fault plan and the requests it has seen. Every request except the `/sandbox` admin endpoint is
/// recorded and matched against the plan before anything else happens to it.
public actor FaultInjector {
    /// Older requests are forgotten past this many, so a long-running sandbox does not grow without bound.
    public static let requestLogLimit = 10_000

    public private(set) var plan: FaultPlan
    /// What a `latency` fault waits on.
    private nonisolated let clock: any Clock<Duration>
    private var log: [FaultRequest] = []
    /// Every request recorded since the start, however many the log has forgotten.
    public private(set) var counts = RequestCounts()

    public init(plan: FaultPlan = FaultPlan(), clock: any Clock<Duration> = ContinuousClock()) {
        self.plan = plan
        self.clock = clock
    }

    /// A `latency` fault: waits `delay` on the injector's clock; throws when the request's task is cancelled.
    nonisolated func delay(_ delay: Duration) async throws {
        try await clock.sleep(for: delay)
    }

    /// Records the request and returns the fault to inject into it, if a rule fires.
    func decide(_ request: FaultRequest) -> FaultDecision? {
        log.append(request)
        counts.record(request)
        if log.count > Self.requestLogLimit + Self.requestLogLimit / 4 { log.removeFirst(log.count - Self.requestLogLimit) }
        return plan.decide(request)
    }

    /// The requests served so far, oldest first (at most the last `requestLogLimit`).
    public var requests: [FaultRequest] { log }

    public func setPlan(_ plan: FaultPlan) {
        self.plan = plan
    }

    public func append(_ rule: FaultRule) {
        plan.append(rule)
    }

    public func clear() {
        plan = FaultPlan()
    }
}
