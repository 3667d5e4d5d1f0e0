/// A parsed name pattern: only constructs a finite automaton can match, so matching never backtracks.
indirect enum RegexNode: Sendable, Hashable {
    /// Matches the empty string.
    case empty
    /// One character from the set.
    case scalars(ScalarSet)
    /// `^` or `\A`: the start of the name.
    case start
    /// `$`, `\z` or `\Z`: the end of the name.
    case end
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`; `max` nil is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
}
