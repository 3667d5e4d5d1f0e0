/// An engine precondition that does not hold; `description` is the one line the CLI prints.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case selfUnknown
        case selfNotDeployment(String)
        case noProbeTransport
    }

    private let code: Code
    static let selfUnknown = EngineError(code: .selfUnknown)
    static func selfNotDeployment(_ pod: String) -> EngineError { EngineError(code: .selfNotDeployment(pod)) }
    static let noProbeTransport = EngineError(code: .noProbeTransport)

    public var description: String {
        switch code {
        case .selfUnknown:
            "--scale-down-self needs to know its own pod: set POD_NAME and POD_NAMESPACE through the downward API"
        case .selfNotDeployment(let pod):
            "--scale-down-self: own pod \(pod) is not managed by a Deployment"
        case .noProbeTransport:
            "--probe: this run has no way to send probe requests (the engine was built without a probe transport)"
        }
    }
}
