/// `GET /sandbox/requests`, read-only: how many requests the server has seen since it started, in all and by verb
/// (`{"total": 12, "byVerb": {"get": 3, "list": 9}}`), for scripts that count another process's requests. Only
/// `system:masters` may read it, whatever RBAC says; like every `/sandbox` path it is neither counted nor faulted.
struct RequestsEndpoint: Sendable {
    static let segments = ["sandbox", "requests"]

    let faults: FaultInjector

    func handle(_ request: APIRequest) async throws(StatusError) -> APIResponse {
        try request.requireMaster()
        guard request.method == "GET" else { throw StatusError.methodNotAllowed() }
        let counts = await faults.counts
        guard let body = try? JSONValue(encoding: counts) else { throw StatusError.internal("cannot encode the request counts") }
        return .json(body)
    }
}
