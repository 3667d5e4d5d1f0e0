/// Why a name pattern was refused, as one line naming the place (0-based character offset).
struct RegexProblem: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case missing(String)
        case unexpected(Character)
        case nothingToRepeat
        case badInterval
        case countTooLarge(Int)
        case badRange
        case unsupported(String)
        case tooLarge(Int)
        case tooManyStates(Int)
    }

    private let code: Code
    private let offset: Int?

    static func missing(_ what: String, at offset: Int) -> RegexProblem { RegexProblem(code: .missing(what), offset: offset) }
    static func unexpected(_ character: Character, at offset: Int) -> RegexProblem {
        RegexProblem(code: .unexpected(character), offset: offset)
    }
    static func nothingToRepeat(at offset: Int) -> RegexProblem { RegexProblem(code: .nothingToRepeat, offset: offset) }
    static func badInterval(at offset: Int) -> RegexProblem { RegexProblem(code: .badInterval, offset: offset) }
    static func countTooLarge(limit: Int, at offset: Int) -> RegexProblem { RegexProblem(code: .countTooLarge(limit), offset: offset) }
    static func badRange(at offset: Int) -> RegexProblem { RegexProblem(code: .badRange, offset: offset) }
    /// A construct a finite automaton cannot match (backreferences, lookaround, …), named as the user wrote it.
    static func unsupported(_ construct: String, at offset: Int) -> RegexProblem {
        RegexProblem(code: .unsupported(construct), offset: offset)
    }
    static func tooLarge(limit: Int) -> RegexProblem { RegexProblem(code: .tooLarge(limit), offset: nil) }
    static func tooManyStates(limit: Int) -> RegexProblem { RegexProblem(code: .tooManyStates(limit), offset: nil) }

    var description: String {
        let place = offset.map { " at offset \($0)" } ?? ""
        switch code {
        case .missing(let what): return "missing \(what)\(place)"
        case .unexpected(let character): return "unexpected \"\(character)\"\(place)"
        case .nothingToRepeat: return "nothing to repeat\(place)"
        case .badInterval: return "malformed {n,m} repetition\(place) (write \\{ for a literal brace)"
        case .countTooLarge(let limit): return "repetition count\(place) is over \(limit), the longest Kubernetes name"
        case .badRange: return "character range out of order\(place)"
        case .unsupported(let construct):
            return "\(construct)\(place) is not supported: name patterns are matched in linear time, without backtracking"
        case .tooLarge(let limit): return "the pattern expands to more than \(limit) automaton instructions; simplify its repetitions"
        case .tooManyStates(let limit):
            return "matching would track more than \(limit) combinations of partial matches; anchor the pattern with ^ "
                + "or shorten its bounded repetitions"
        }
    }
}
