import KubeTesting
import Testing

@testable import KubeAPI

@Suite("Client-side rate limit")
struct RateLimiterTests {
    @Test("A burst passes at once; beyond it, requests are spaced at the configured rate", .timeLimit(.minutes(1)))
    func tokenBucket() async throws {
        let clock = SteppingClock()
        let limiter = RateLimiter(qps: 20, burst: 2, clock: ErasedClock(clock))
        for _ in 0..<2 { try await limiter.acquire() }
        #expect(clock.sleeperCount == 0)
        try await withThrowingTaskGroup { group in
            group.addTask { for _ in 0..<4 { try await limiter.acquire() } }
            // Each token beyond the burst comes 50 ms (1/20 s) after the one before.
            for step in 1...4 {
                let deadlines = await clock.sleeping { !$0.isEmpty }
                #expect(deadlines.map(\.offset) == [.milliseconds(50 * step)])
                clock.advance(by: .milliseconds(50))
            }
            try await group.waitForAll()
        }
        #expect(clock.now.offset == .milliseconds(200))
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
