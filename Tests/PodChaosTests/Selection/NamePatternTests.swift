import Foundation
import Testing

@testable import PodChaos

@Suite("Name patterns: linear-time matching, the usual syntax, one-line refusals")
struct NamePatternTests {
    static let names = [
        "", "web-7d4f9c-abcde", "web-canary-1", "db-0", "api.v2-x", "a", "aaa", "web", "Web-1", "x_y", "x y", "9lives",
        "web-\u{e9}t\u{e9}", "ab", "abab", "aab",
    ]

    static let patterns = [
        "^web-", "canary", "-[0-9]+$", "^(web|db)-", "^db-\\d$", "\\.v\\d", "a+", "^a*$", "^$", "x.y", "x\\sy", "x\\Sy",
        "^[^-]+$", "[A-Z]", "\\w_\\w", "^(ab)+$", "^a{2}b$", "^a{1,2}b?$", "^a{2,}$", "(?:ab){2}", "(?<pair>ab)", "web|^a$",
        "[-.]", "[]a]", "[a-c-]", "\\W", "\\D+", "^web-.t.$", "^.{3}$", "^(a|)+$", "^(a*)*b$", "(a?){3}a{3}", "\\Aweb", "db-0\\z",
        "\\Z", "a*?b", "^a+?$", "x{0}y",
    ]

    @Test("Agrees with NSRegularExpression on the common syntax", arguments: patterns)
    func agreesWithFoundation(pattern: String) throws {
        let ours = try NamePattern(pattern)
        let reference = try NSRegularExpression(pattern: pattern)
        for name in Self.names {
            let expected = reference.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            #expect(ours.matches(name) == expected, "\(pattern) on \"\(name)\"")
        }
    }

    struct Hostile: Sendable, CustomStringConvertible {
        let pattern: String
        let name: String
        let matches: Bool
        var description: String { "\(pattern) over \(name.count) characters" }
    }

    /// Patterns that send a backtracking engine into exponential time on these 253-character names.
    static let hostile: [Hostile] = [
        Hostile(pattern: "(a+)+$", name: String(repeating: "a", count: 252) + "-", matches: false),
        Hostile(pattern: "^(a+)+$", name: String(repeating: "a", count: 252) + "-", matches: false),
        Hostile(pattern: "(a|aa)*b", name: String(repeating: "a", count: 253), matches: false),
        Hostile(pattern: "(.*a){20}", name: String(repeating: "a", count: 19) + String(repeating: "b", count: 234), matches: false),
        Hostile(pattern: "(.*a){20}", name: String(repeating: "ab", count: 126) + "a", matches: true),
        Hostile(pattern: "^(a|a?)+$", name: String(repeating: "a", count: 252) + "-", matches: false),
        Hostile(pattern: "(\\w+\\w*)+-x", name: String(repeating: "a", count: 253), matches: false),
        Hostile(pattern: "(a*)*(b*)*(a*)*c", name: String(repeating: "ab", count: 126) + "a", matches: false),
        Hostile(pattern: "^([a-z0-9]+-?)+[a-z0-9]$", name: String(repeating: "a-", count: 126) + "-", matches: false),
        Hostile(pattern: "(a|b)*a(a|b){5}", name: String(repeating: "ab", count: 126) + "a", matches: true),
        Hostile(pattern: "^web-.{0,30}-canary", name: "web-" + String(repeating: "-canar", count: 41) + "y", matches: false),
    ]

    @Test("Hostile patterns take one step per character, and at most two NFA passes per character off the alphabet", arguments: hostile)
    func linearBound(case hostile: Hostile) throws {
        let pattern = try NamePattern(hostile.pattern)
        var steps = 0
        #expect(pattern.matches(hostile.name, steps: &steps) == hostile.matches)
        #expect(steps <= hostile.name.utf8.count)
        // `_` is no Kubernetes name character: such a name takes the NFA path, still linear.
        let odd = "_" + hostile.name.dropFirst()
        var simulated = 0
        _ = pattern.matches(odd, steps: &simulated)
        #expect(simulated <= pattern.size * (2 * odd.unicodeScalars.count + 1), "\(simulated) steps, \(pattern.size) instructions")
    }

    @Test(
        "Constructs that need backtracking, and malformed patterns, are refused in one line naming the place",
        arguments: [
            ("(a)\\1", "backreference \\1 at offset 3 is not supported"), ("web(?=-1)", "lookaround at offset 3 is not supported"),
            ("(?<!x)web", "lookaround at offset 0 is not supported"), ("(?>a+)b", "an atomic group at offset 0 is not supported"),
            ("a++b", "possessive quantifier ++ at offset 1 is not supported"), ("\\bweb", "word boundary \\b at offset 0"),
            ("(?i)web", "an inline flag or special group at offset 0"), ("\\p{L}", "escape \\p at offset 0 is not supported"),
            ("a{254}", "repetition count at offset 1 is over 253"), ("(a{200}){200}", "more than 2000 automaton instructions"),
            ("a(a|b){15}b$", "more than 10000 combinations of partial matches"),
            ("web-(", "missing ) closing the group at offset 4"), ("web)", "unexpected \")\" at offset 3"),
            ("*web", "nothing to repeat at offset 0"), ("a{2,1}", "malformed {n,m} repetition at offset 1"),
            ("a{x}", "malformed {n,m} repetition at offset 1"), ("[z-a]", "character range out of order at offset 1"),
            ("[abc", "missing ] closing the character class at offset 0"), ("[[:alpha:]]", "a nested class or [:name:] at offset 1"),
            ("web\\", "missing a character after \\ at offset 3"),
        ])
    func refusals(pattern: String, problem: String) {
        let error = #expect(throws: SelectionError.self) { try NamePattern(pattern) }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("invalid regular expression \"\(pattern)\": "), "\(text)")
        #expect(text.contains(problem), "\(text)")
        #expect(!text.contains("\n"))
    }
}
