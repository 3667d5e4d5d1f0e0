import KubeAPI

extension StatusError {
    /// The error that answers with `status` (its `code` as the HTTP status), e.g. a refusal built by the pure
    /// Disruption or RBAC logic.
    public init(_ status: KubeAPI.Status) {
        self.init(
            code: status.code ?? 500, reason: status.reason ?? "InternalError", message: status.message ?? "",
            details: status.details.flatMap { try? JSONValue(encoding: $0) })
    }
}
