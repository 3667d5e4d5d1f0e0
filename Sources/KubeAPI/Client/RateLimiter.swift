/// Token bucket shared by every request of one client, like client-go's `flowcontrol.NewTokenBucketRateLimiter`.
actor RateLimiter {
    private let qps: Double
    private let burst: Double
    private var tokens: Double
    private var last: ErasedClock.Instant
    private let clock: ErasedClock

    init(qps: Double, burst: Int, clock: ErasedClock) {
        self.clock = clock
        self.qps = qps
        self.burst = Double(max(1, burst))
        self.tokens = Double(max(1, burst))
        self.last = clock.now
    }

    /// Waits until a token is available and takes it. A non-positive `qps` disables limiting.
    func acquire() async throws {
        guard qps > 0 else { return }
        refill()
        tokens -= 1
        if tokens >= 0 { return }
        // Reserve the token now so concurrent callers queue up in order instead of all waking at once.
        let wait = -tokens / qps
        try await clock.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
    }

    private func refill() {
        let now = clock.now
        let elapsed = last.duration(to: now).seconds
        last = now
        tokens = min(burst, tokens + elapsed * qps)
    }
}
