/// A duration string that does not parse.
public struct DurationSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let problem: String

    public var description: String { "\"\(text)\" \(problem); write a duration such as 500ms, 2s or 1m30s" }
}
