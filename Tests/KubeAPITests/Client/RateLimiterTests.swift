import Testing

@testable import KubeAPI

@Suite("Client-side rate limit")
struct RateLimiterTests {
    @Test("A burst passes at once; beyond it, requests are spaced at the configured rate")
    func tokenBucket() async throws {
        let limiter = RateLimiter(qps: 20, burst: 2)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<2 { try await limiter.acquire() }
        let afterBurst = clock.now - start
        for _ in 0..<4 { try await limiter.acquire() }
        let total = clock.now - start
        // Four tokens beyond the burst at 20 per second cannot be had in less than 200 ms.
        #expect(total >= .milliseconds(190))
        #expect(afterBurst < total)
    }

    @Test("Retry delays grow, stay within the cap and honour the jitter bounds", arguments: [0.0, 0.5, 0.999])
    func backoff(random: Double) {
        let policy = RetryPolicy(maxAttempts: 10, initialDelay: .milliseconds(100), maxDelay: .seconds(1), multiplier: 2, jitter: 0.5)
        let delays = (1...8).map { policy.delay(beforeRetry: $0, random: random) }
        #expect(delays.allSatisfy { $0 <= .seconds(1) })
        #expect(delays[0] >= .milliseconds(75) && delays[0] <= .milliseconds(125))
        #expect(delays[2] > delays[0])
    }
}
