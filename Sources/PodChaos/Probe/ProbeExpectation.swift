/// What a probe's answer must be to count as a success. Pure: `failure(of:)` reads an answer and says what is wrong
/// with it, if anything.
public struct ProbeExpectation: Sendable, Hashable {
    /// HTTP statuses that succeed; empty means any 2xx or 3xx.
    public var statuses: Set<Int>
    /// A pattern the body must contain (the same linear-time syntax as `--include-name`).
    public var body: NamePattern?
    /// For Prometheus probes: the value must be at most `maximum` and at least `minimum`.
    public var maximum: Double?
    public var minimum: Double?

    public init(statuses: Set<Int> = [], body: NamePattern? = nil, maximum: Double? = nil, minimum: Double? = nil) {
        self.statuses = statuses
        self.body = body
        self.maximum = maximum
        self.minimum = minimum
    }

    /// Why `response` is a failure; nil when it succeeds.
    public func failure(of response: ProbeResponse) -> String? {
        switch response {
        case .failed(let problem): return problem
        case .http(let status, let body): return httpFailure(status: status, body: body)
        case .value(let value): return valueFailure(value)
        }
    }

    private func httpFailure(status: Int, body: String) -> String? {
        let expected = statuses.isEmpty ? (200..<400).contains(status) : statuses.contains(status)
        if !expected { return "HTTP \(status)" }
        if let pattern = self.body, !pattern.matches(body) { return "body does not match \(pattern.pattern)" }
        return nil
    }

    private func valueFailure(_ value: Double) -> String? {
        if let maximum, !(value <= maximum) { return "value \(value) is above \(maximum)" }
        if let minimum, !(value >= minimum) { return "value \(value) is below \(minimum)" }
        return nil
    }
}
