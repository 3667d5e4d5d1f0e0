import KubeAPI

/// A selection flag that cannot be understood. `description` is the one line the CLI prints; the values it quotes are
/// escaped and cut as `EchoedText` does, but a regular expression is shown as written, its backslashes unescaped.
public struct SelectionError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case invalidRegex(String, problem: String)
        case invalidAnnotation(String)
        case invalidKinds(String)
        case invalidNamespace(String)
        case rejectedByServer(flag: String, selector: String, message: String)
    }

    private let code: Code

    static func invalidRegex(_ pattern: String, problem: String) -> SelectionError {
        SelectionError(code: .invalidRegex(pattern, problem: problem))
    }
    static func invalidAnnotation(_ text: String) -> SelectionError { SelectionError(code: .invalidAnnotation(text)) }
    static func invalidKinds(_ text: String) -> SelectionError { SelectionError(code: .invalidKinds(text)) }
    static func invalidNamespace(_ text: String) -> SelectionError { SelectionError(code: .invalidNamespace(text)) }
    /// The API server answered 400 BadRequest to a list sent with the user's selector (e.g. a field it does not index).
    static func rejectedByServer(flag: String, selector: String, message: String) -> SelectionError {
        SelectionError(code: .rejectedByServer(flag: flag, selector: selector, message: message))
    }

    public var description: String {
        switch code {
        case .invalidRegex(let pattern, let problem): "invalid regular expression \"\(pattern)\": \(problem)"
        case .invalidAnnotation(let text):
            "invalid annotation filter \(EchoedText.quoted(text)): expected key=value, !key=value, key or !key"
        case .invalidKinds(let text): "invalid kind list \(EchoedText.quoted(text)): expected names like Deployment,StatefulSet,!DaemonSet"
        case .invalidNamespace(let text): "invalid namespace \(EchoedText.quoted(text)): expected a DNS label, optionally prefixed with !"
        case .rejectedByServer(let flag, let selector, let message):
            "\(flag) \(EchoedText.quoted(selector)): the API server rejected it: \(message)"
        }
    }
}
