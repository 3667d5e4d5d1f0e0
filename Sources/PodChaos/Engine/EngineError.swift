/// An engine precondition that does not hold; `description` is the one line the CLI prints.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case selfUnknown
        case selfNotDeployment(String)
    }

    private let code: Code
    static let selfUnknown = EngineError(code: .selfUnknown)
    static func selfNotDeployment(_ pod: String) -> EngineError { EngineError(code: .selfNotDeployment(pod)) }

    public var description: String {
        switch code {
        case .selfUnknown:
            "--scale-down-self needs to know its own pod: set POD_NAME and POD_NAMESPACE through the downward API"
        case .selfNotDeployment(let pod):
            "--scale-down-self: own pod \(pod) is not managed by a Deployment"
        }
    }
}
