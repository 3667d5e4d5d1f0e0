import Foundation

/// A compiled `--include-name` / `--exclude-name` regular expression. Matching is unanchored, like grep.
public struct NamePattern: @unchecked Sendable, Hashable, CustomStringConvertible {
    // NSRegularExpression is immutable after creation and documented as safe to share between threads.
    private let regex: NSRegularExpression
    public let pattern: String

    public init(_ pattern: String) throws(SelectionError) {
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw SelectionError.invalidRegex(pattern)
        }
        self.pattern = pattern
    }

    public func matches(_ name: String) -> Bool {
        regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }

    public var description: String { pattern }
    public static func == (lhs: NamePattern, rhs: NamePattern) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
