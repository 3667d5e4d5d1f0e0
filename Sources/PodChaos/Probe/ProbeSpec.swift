import Foundation

/// One probe as the user defined it: what to call, how often, what counts as a success, and what the steady state
/// and the abort criterion are. Built by `ProbeSpecParser` from `--probe` text; every value within the caps below.
public struct ProbeSpec: Sendable, Hashable {
    /// The longest baseline or after window, and the longest a probe may wait for one answer.
    public static let maximumWindow: Duration = .seconds(600)
    public static let maximumTimeout: Duration = .seconds(30)
    /// Methods a probe may send; a probe reads, it must not change what it measures.
    public static let methods: Set<String> = ["GET", "HEAD", "POST", "OPTIONS"]

    /// Unique among a run's probes; names the probe in reports, logs and metric labels.
    public var name: String
    /// An HTTP target's URL is kept without user info, which goes in `authorization` instead.
    public var target: ProbeTarget
    public var method: String
    /// `Basic …` from a URL's `user:password@`. A secret: never logged or reported.
    public var authorization: String?
    public var expectation: ProbeExpectation
    public var timeout: Duration
    public var rate: ProbeRate
    public var steadyState: SteadyStateCriteria
    /// The run stops starting kills once the success ratio since the first kill falls below this; nil never stops it.
    public var abortBelow: Double?

    public init(
        name: String, target: ProbeTarget, method: String = "GET", authorization: String? = nil,
        expectation: ProbeExpectation = ProbeExpectation(), timeout: Duration = .seconds(1),
        rate: ProbeRate = ProbeRate(count: 5, per: .seconds(1)),
        steadyState: SteadyStateCriteria = SteadyStateCriteria(), abortBelow: Double? = 0.9
    ) {
        self.name = name
        self.target = target
        self.method = method
        self.authorization = authorization
        self.expectation = expectation
        self.timeout = timeout
        self.rate = rate
        self.steadyState = steadyState
        self.abortBelow = abortBelow
    }

    /// The target as reports, logs and errors show it: no credentials, and no query string (which may hold a token),
    /// except a Prometheus query, which is the user's PromQL.
    public var display: String {
        switch target {
        case .http(let url): Self.redacted(url)
        case .service(let address): address.description
        case .prometheus(let server, let query): "prometheus:\(Self.redacted(server)) \(query)"
        }
    }

    /// `scheme://host[:port]/path`, with `?…` where a query was.
    static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<url>" }
        components.user = nil
        components.password = nil
        let hadQuery = components.query != nil
        components.query = nil
        components.fragment = nil
        return (components.string ?? "<url>") + (hadQuery ? "?…" : "")
    }
}
