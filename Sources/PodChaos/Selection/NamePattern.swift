/// A compiled `--include-name` / `--exclude-name` regular expression. Matching is unanchored, like grep, and takes time
/// linear in the name whatever the pattern: the pattern is compiled to a finite automaton (RegexParser lists the
/// syntax, RegexMatcher the bounds), and constructs that would need backtracking are refused when parsed.
public struct NamePattern: Sendable, Hashable, CustomStringConvertible {
    private let matcher: RegexMatcher
    public let pattern: String

    public init(_ pattern: String) throws(SelectionError) {
        do {
            matcher = try RegexMatcher(try RegexProgram(try RegexParser.parse(pattern)))
        } catch {
            throw SelectionError.invalidRegex(pattern, problem: error.description)
        }
        self.pattern = pattern
    }

    public func matches(_ name: String) -> Bool { matcher.matches(name) }

    /// As `matches`, counting the steps taken, for tests of the linear bound.
    func matches(_ name: String, steps: inout Int) -> Bool { matcher.matches(name, steps: &steps) }

    /// Instructions in the compiled NFA.
    var size: Int { matcher.size }

    public var description: String { pattern }
    public static func == (lhs: NamePattern, rhs: NamePattern) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
