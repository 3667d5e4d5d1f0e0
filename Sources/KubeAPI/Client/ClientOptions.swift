import CoreMetrics

/// Tunables of `KubernetesClient`. Defaults follow client-go where it has one.
public struct ClientOptions: Sendable {
    /// Sent as `User-Agent` on every request.
    public var userAgent: String
    /// Sustained requests per second (client-go's default is 5).
    public var qps: Double
    /// Requests allowed in a burst above `qps` (client-go's default is 10).
    public var burst: Int
    /// Time allowed to establish a connection, TLS included: client-go's dial timeout.
    public var connectTimeout: Duration
    /// Longest time one non-watch request may take, its retries and their backoff included (kubectl's
    /// `--request-timeout`); nil means no limit. A watch is bounded by its server-side timeout and an idle limit instead.
    public var requestTimeout: Duration?
    /// Lower bound of the server-side `timeoutSeconds` of a watch; each watch picks a random value in
    /// `[minWatchTimeout, 2 × minWatchTimeout)` so that reconnects of many watches spread out, as client-go's reflector does.
    public var minWatchTimeout: Duration
    /// The largest object read from a stream — a watch event's line, an item of a LIST — before the watch or the LIST
    /// fails, so that a broken server or proxy cannot make the client buffer without bound. client-go's streaming
    /// decoder stops at the same 16 MiB; an object the API server stores is far smaller (etcd refuses requests over
    /// 1.5 MiB by default, the API server bodies over 3 MiB).
    public var maxObjectBytes: Int
    public var retry: RetryPolicy
    /// Where `podchaosmonkey_api_errors_total` is counted; nil means the process-wide `MetricsSystem`.
    public var metricsFactory: (any MetricsFactory)?
    /// Times the waits between attempts (backoff, `Retry-After`), the rate limit, the request timeout's budget, a
    /// reflector's backoff, and the retries and sync timeout of the daemon's watch cache. A test passes a clock it
    /// drives (`SteppingClock`), so these run on virtual time.
    public var clock: any Clock<Duration>

    /// `maxObjectBytes` unless set: 16 MiB, as client-go's streaming decoder.
    public static let defaultMaxObjectBytes = 16 * 1024 * 1024

    public init(
        userAgent: String = "podchaosmonkey/0.1.0",
        qps: Double = 5,
        burst: Int = 10,
        connectTimeout: Duration = .seconds(30),
        requestTimeout: Duration? = .seconds(30),
        minWatchTimeout: Duration = .seconds(300),
        maxObjectBytes: Int = ClientOptions.defaultMaxObjectBytes,
        retry: RetryPolicy = RetryPolicy(),
        metricsFactory: (any MetricsFactory)? = nil,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.userAgent = userAgent
        self.qps = qps
        self.burst = burst
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.minWatchTimeout = minWatchTimeout
        self.maxObjectBytes = maxObjectBytes
        self.retry = retry
        self.metricsFactory = metricsFactory
        self.clock = clock
    }
}
