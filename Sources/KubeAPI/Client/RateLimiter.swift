/// Token bucket shared by every request of one client, like client-go's `flowcontrol.NewTokenBucketRateLimiter`.
actor RateLimiter {
    private let qps: Double
    private let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private let clock = ContinuousClock()

    init(qps: Double, burst: Int) {
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
        try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
    }

    private func refill() {
        let now = clock.now
        let elapsed = (now - last).seconds
        last = now
        tokens = min(burst, tokens + elapsed * qps)
    }
}
