/// Parses the regular-expression subset name patterns accept: literals, `.`, classes (`[a-z0-9-]`, `[^.]`, `\d`, `\w`,
/// `\s` and their negations), groups (`(…)`, `(?:…)`, `(?<name>…)`), `|`, the quantifiers `*`, `+`, `?`, `{n}`,
/// `{n,}`, `{n,m}` (greedy or lazy: a name matches or it does not), and the anchors `^`, `$`, `\A`, `\z`.
/// Constructs that need backtracking (backreferences, lookaround, atomic groups, possessive quantifiers) are refused.
struct RegexParser {
    /// Names are at most 253 characters: a larger count can never match.
    static let maxCount = 253

    private let scalars: [Unicode.Scalar]
    private var position = 0

    private init(_ pattern: String) { scalars = Array(pattern.unicodeScalars) }

    static func parse(_ pattern: String) throws(RegexProblem) -> RegexNode {
        var parser = RegexParser(pattern)
        let node = try parser.alternation()
        if let next = parser.peek { throw .unexpected(Character(next), at: parser.position) }
        return node
    }

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func take() -> Unicode.Scalar? {
        defer { position += 1 }
        return peek
    }

    private mutating func take(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        guard position + wanted.count <= scalars.count, Array(scalars[position..<position + wanted.count]) == wanted else {
            return false
        }
        position += wanted.count
        return true
    }

    private mutating func alternation() throws(RegexProblem) -> RegexNode {
        var branches = [try concatenation()]
        while take("|") { branches.append(try concatenation()) }
        if branches.count == 1 { return branches[0] }
        // `a|b|-` is the class `[ab-]`: one instruction instead of a split and a jump per branch.
        var union = ScalarSet()
        for branch in branches {
            guard case .scalars(let set) = branch else { return .alternation(branches) }
            union = union.union(set)
        }
        return .scalars(union)
    }

    private mutating func concatenation() throws(RegexProblem) -> RegexNode {
        var items: [RegexNode] = []
        while let next = peek, next != "|", next != ")" { items.append(try quantified()) }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    private mutating func quantified() throws(RegexProblem) -> RegexNode {
        var node = try atom()
        while let next = peek {
            let start = position
            let bounds: (min: Int, max: Int?)
            switch next {
            case "*": bounds = (0, nil)
            case "+": bounds = (1, nil)
            case "?": bounds = (0, 1)
            case "{": bounds = try interval()
            default: return node
            }
            if next != "{" { position += 1 }
            if take("+") {
                let written = String(String.UnicodeScalarView(scalars[start..<position]))
                throw .unsupported("possessive quantifier \(written)", at: start)
            }
            _ = take("?")  // Lazy and greedy agree on whether a name matches.
            node = .repetition(node, min: bounds.min, max: bounds.max)
        }
        return node
    }

    /// `{n}`, `{n,}` or `{n,m}`, from its `{`.
    private mutating func interval() throws(RegexProblem) -> (min: Int, max: Int?) {
        let start = position
        position += 1
        guard let low = try count(from: start) else { throw .badInterval(at: start) }
        var high: Int? = low
        if take(",") { high = try count(from: start) }
        guard take("}") else { throw .badInterval(at: start) }
        if let high, high < low { throw .badInterval(at: start) }
        return (low, high)
    }

    private mutating func count(from start: Int) throws(RegexProblem) -> Int? {
        var value: Int?
        while let next = peek, ("0"..."9").contains(next) {
            let parsed = (value ?? 0) * 10 + Int(next.value - 0x30)
            guard parsed <= Self.maxCount else { throw .countTooLarge(limit: Self.maxCount, at: start) }
            value = parsed
            position += 1
        }
        return value
    }

    private mutating func atom() throws(RegexProblem) -> RegexNode {
        let start = position
        guard let next = take() else { throw .missing("an expression", at: start) }
        switch next {
        case "(": return try group(from: start)
        case "[": return .scalars(try characterClass(from: start))
        case ".": return .scalars(.any)
        case "^": return .start
        case "$": return .end
        case "\\": return try escape(from: start, inClass: false)
        case "*", "+", "?", "{": throw .nothingToRepeat(at: start)
        default: return .scalars(ScalarSet(next))
        }
    }

    private mutating func group(from start: Int) throws(RegexProblem) -> RegexNode {
        if take("?") {
            if take(":") {
            } else if take("P<") || (peek == "<" && peek(1) != "=" && peek(1) != "!" && take("<")) {
                while let next = peek, next != ">" { position += 1 }
                guard take(">") else { throw .missing("> closing the group name", at: start) }
            } else {
                let construct: String
                switch (peek, peek(1)) {
                case ("=", _), ("!", _), ("<", "="), ("<", "!"): construct = "lookaround"
                case (">", _): construct = "an atomic group"
                default: construct = "an inline flag or special group"
                }
                throw .unsupported(construct, at: start)
            }
        }
        let inner = try alternation()
        guard take(")") else { throw .missing(") closing the group", at: start) }
        return inner
    }

    private mutating func characterClass(from start: Int) throws(RegexProblem) -> ScalarSet {
        let negated = take("^")
        var set = ScalarSet()
        // A `]` first in the class is a member, not its end.
        var first = true
        while true {
            guard let next = peek else { throw .missing("] closing the character class", at: start) }
            if next == "]", !first {
                position += 1
                break
            }
            first = false
            let itemStart = position
            if next == "[" { throw .unsupported("a nested class or [:name:]", at: itemStart) }
            let low = try classMember()
            if peek == "-", let after = peek(1), after != "]" {
                position += 1
                let high = try classMember()
                guard case .scalars(let lowSet) = low, case .scalars(let highSet) = high,
                    let lowValue = lowSet.single, let highValue = highSet.single
                else { throw .badRange(at: itemStart) }
                guard lowValue <= highValue else { throw .badRange(at: itemStart) }
                set = set.union(ScalarSet([lowValue...highValue]))
            } else if case .scalars(let member) = low {
                set = set.union(member)
            }
        }
        return negated ? set.inverted : set
    }

    private mutating func classMember() throws(RegexProblem) -> RegexNode {
        let start = position
        guard let next = take() else { throw .missing("] closing the character class", at: start) }
        if next == "\\" { return try escape(from: start, inClass: true) }
        return .scalars(ScalarSet(next))
    }

    private mutating func escape(from start: Int, inClass: Bool) throws(RegexProblem) -> RegexNode {
        guard let next = take() else { throw .missing("a character after \\", at: start) }
        switch next {
        case "d": return .scalars(.digits)
        case "D": return .scalars(ScalarSet.digits.inverted)
        case "w": return .scalars(.word)
        case "W": return .scalars(ScalarSet.word.inverted)
        case "s": return .scalars(.space)
        case "S": return .scalars(ScalarSet.space.inverted)
        case "t": return .scalars(ScalarSet("\t"))
        case "n": return .scalars(ScalarSet("\n"))
        case "r": return .scalars(ScalarSet("\r"))
        case "A" where !inClass: return .start
        case "z" where !inClass, "Z" where !inClass: return .end
        case "1"..."9": throw .unsupported("backreference \\\(next)", at: start)
        case "b", "B": throw .unsupported("word boundary \\\(next)", at: start)
        default:
            // Escaped punctuation is literal; an escaped letter or digit that is not listed above is a typo or a
            // construct of another dialect (\p{…}, \x41, \k<…>), better refused than misread.
            guard !next.properties.isAlphabetic, !("0"..."9").contains(next) else {
                throw .unsupported("escape \\\(next)", at: start)
            }
            return .scalars(ScalarSet(next))
        }
    }
}
