/// How many requests the server has seen since it started, in all and by Kubernetes verb. Unlike the request log,
/// which keeps only the latest requests, these counts never forget: a benchmark in another process reads them
/// before and after a run (`GET /sandbox/requests`) and takes the difference.
public struct RequestCounts: Sendable, Hashable, Codable {
    public private(set) var total = 0
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete` or `deletecollection` to its count.
    public private(set) var byVerb: [String: Int] = [:]

    public init() {}

    mutating func record(_ request: FaultRequest) {
        total += 1
        byVerb[request.verb, default: 0] += 1
    }
}
