import KubeAPI

/// A `--probe` (or `probe:` in the config file) that cannot be understood. `description` is the one line the CLI
/// prints; it quotes values escaped and cut as `EchoedText` does, and never a URL's credentials.
public struct ProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case invalidTarget(String)
        case invalidOption(String, value: String, expected: String)
        case unknownOption(String)
        case missingOption(String, kind: String)
        case notFor(String, kind: String)
        case unterminatedQuote(String)
        case duplicateName(String)
        case invalidWindow(flag: String, value: String)
    }

    private let code: Code

    /// The target as the user wrote it, any `user:password@` cut out.
    static func invalidTarget(_ text: String) -> ProbeError { ProbeError(code: .invalidTarget(withoutUserInfo(text))) }
    static func invalidOption(_ key: String, _ value: String, expected: String) -> ProbeError {
        ProbeError(code: .invalidOption(key, value: value, expected: expected))
    }
    static func unknownOption(_ key: String) -> ProbeError { ProbeError(code: .unknownOption(key)) }
    static func missingOption(_ key: String, kind: String) -> ProbeError { ProbeError(code: .missingOption(key, kind: kind)) }
    static func notFor(_ key: String, kind: String) -> ProbeError { ProbeError(code: .notFor(key, kind: kind)) }
    static func unterminatedQuote(_ text: String) -> ProbeError { ProbeError(code: .unterminatedQuote(text)) }
    static func duplicateName(_ name: String) -> ProbeError { ProbeError(code: .duplicateName(name)) }
    public static func invalidWindow(flag: String, value: String) -> ProbeError {
        ProbeError(code: .invalidWindow(flag: flag, value: value))
    }

    static func withoutUserInfo(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let authorityEnd = text[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<scheme.upperBound]) + "…@" + String(text[text.index(after: at)...])
    }

    public var description: String {
        switch code {
        case .invalidTarget(let text):
            "--probe \(EchoedText.quoted(text)): expected http://…, https://…, service:NAMESPACE/NAME:PORT/PATH or prometheus:URL"
        case .invalidOption(let key, let value, let expected): "--probe \(key)=\(EchoedText.quoted(value)): expected \(expected)"
        case .unknownOption(let key):
            "--probe: unknown option \(EchoedText.quoted(key)) (name, method, status, body, timeout, rate, success, abort, p99, query, max, min)"
        case .missingOption(let key, let kind): "--probe: a \(kind) probe needs \(key)="
        case .notFor(let key, let kind): "--probe: \(key)= does not apply to a \(kind) probe"
        case .unterminatedQuote(let text): "--probe \(EchoedText.quoted(text)): a quote is not closed"
        case .duplicateName(let name): "--probe: two probes are named \(EchoedText.quoted(name)); give each a distinct name="
        case .invalidWindow(let flag, let value):
            "\(flag) \(EchoedText.quoted(value)): expected a duration from 1s to \(GoDuration.format(ProbeSpec.maximumWindow, precision: .readable)), e.g. 10s"
        }
    }
}
