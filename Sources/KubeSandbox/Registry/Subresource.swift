/// The subresources the sandbox serves under an object path.
public enum Subresource: String, Sendable, Hashable, CaseIterable {
    case status
    case scale
    case eviction
    case binding
    /// `serviceaccounts/NAME/token`: a TokenRequest.
    case token
    /// `services/NAME[:PORT]/proxy/…`: the service proxy, simulated (see `ServiceProxy`).
    case proxy
}
