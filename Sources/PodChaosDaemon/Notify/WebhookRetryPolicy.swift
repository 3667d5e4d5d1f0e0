import Foundation

/// When and how long to wait before delivering a notification again. Pure: the sender does the waiting.
public struct WebhookRetryPolicy: Sendable, Hashable {
    /// What one answer means for the delivery.
    enum Decision: Sendable, Hashable {
        case delivered
        /// A 4xx other than 429, or a redirect: sending the same body again cannot help.
        case rejected
        /// Try again, after the server's `Retry-After` when it gave one (already capped).
        case retry(after: Duration?)
    }

    /// Attempts in total, the first included.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// A longer `Retry-After` is shortened to this, so that one receiver cannot park its queue for hours.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 6, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = max(maxBackoff, .zero)
        self.maxRetryAfter = max(maxRetryAfter, .zero)
    }

    /// 2xx is delivered; 429 and 5xx are retried, honouring `Retry-After`; everything else is final.
    func decide(status: Int, retryAfter: String?) -> Decision {
        switch status {
        case 200..<300: .delivered
        case 429, 500..<600: .retry(after: retryAfter.flatMap(parseRetryAfter))
        default: .rejected
        }
    }

    /// `Retry-After` in seconds, capped at `maxRetryAfter`; nil for an HTTP date or garbage (backoff applies).
    func parseRetryAfter(_ value: String) -> Duration? {
        guard let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0 else {
            return nil
        }
        return min(.microseconds(Int64(min(seconds, 1e9) * 1_000_000)), maxRetryAfter)
    }

    /// Exponential backoff with full jitter before retry number `retry` (1-based): anywhere in
    /// [0, min(maxBackoff, initialBackoff × 2^(retry-1))), `random` in [0, 1). Full jitter spreads receivers'
    /// recoveries from a thundering herd of daemons that all failed at the same moment.
    func backoff(beforeRetry retry: Int, random: Double) -> Duration {
        let ceiling = min(initialBackoff.inSeconds * pow(2, Double(max(0, retry - 1))), maxBackoff.inSeconds)
        return .microseconds(Int64((ceiling * min(max(random, 0), 1) * 1_000_000).rounded(.down)))
    }
}

extension Duration {
    /// Seconds as a `Double`, for arithmetic `Duration` lacks.
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
