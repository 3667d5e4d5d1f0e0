import Foundation

/// Capped exponential backoff with jitter, and how long to honour a server's `Retry-After`.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included; 1 disables retries.
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    public var multiplier: Double
    /// Fraction of each delay that is randomised (0 = none, 1 = anywhere in [delay/2, delay × 1.5)).
    public var jitter: Double
    /// A `Retry-After` longer than this is not waited for; the error is returned instead.
    public var maxRetryAfter: Duration
    /// Attempts in total (at most `maxAttempts`) when the connection cannot even be made: refused, unreachable, or the
    /// host does not resolve. Nothing was sent, so a short retry rides out a restarting server without hiding a wrong
    /// address for long.
    public var maxConnectAttempts: Int

    public init(
        maxAttempts: Int = 5,
        initialDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(5),
        multiplier: Double = 2,
        jitter: Double = 0.5,
        maxRetryAfter: Duration = .seconds(60),
        maxConnectAttempts: Int = 3
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
        self.maxConnectAttempts = max(1, maxConnectAttempts)
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Delay before retry number `retry` (1-based), `random` in [0, 1).
    public func delay(beforeRetry retry: Int, random: Double) -> Duration {
        let exponent = Double(max(0, retry - 1))
        let base = min(initialDelay.seconds * pow(multiplier, exponent), maxDelay.seconds)
        let spread = base * jitter
        let seconds = min(base - spread / 2 + spread * random, maxDelay.seconds)
        return .milliseconds(Int64((max(0, seconds) * 1000).rounded()))
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
