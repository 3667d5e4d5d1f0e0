import Foundation
import PodChaos

// --include-name/--exclude-name at scale: each pattern, compiled afresh, over 10,000 distinct pod names of the
// longest length Kubernetes allows (253), against a plain prefix pattern over the same names (the baseline).
// Run alone: `swift run -c release pattern-benchmark`.

func milliseconds(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
}

/// `a…a-<n>` and `ab…ab-<n>`: long runs that backtracking engines retry at every position.
let names: [String] = (0..<10_000).map { index in
    let suffix = "-\(index)"
    let body = index.isMultiple(of: 2) ? String(repeating: "a", count: 253 - suffix.count) : String(repeating: "ab", count: 126)
    return String((body + suffix).prefix(253))
}

/// Random `a`/`b` names, so a pattern that remembers the last 10 characters visits most of its 1,000-odd DFA states.
var seed: UInt64 = 42
let randomNames: [String] = (0..<10_000).map { _ in
    String(
        (0..<253).map { _ -> Character in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 63 == 0 ? "a" : "b"
        })
}

let patterns = ["^web-", "(a+)+$", "(a|aa)*b", "(.*a){20}", "^(a|a?)+$", "(a|b)*a(a|b){9}", "^([a-z0-9]+-?)+[a-z0-9]$"]
print("pattern | matched | ms for 10,000 names of 253 characters")
for text in patterns {
    let pattern = try NamePattern(text)
    var matched = 0
    let elapsed = milliseconds { matched = names.filter(pattern.matches).count }
    print("\(text) | \(matched) | \(String(format: "%.1f", elapsed))")
}
for text in ["(a|b)*a(a|b){9}", "a(a|b){9}b$"] {
    let pattern = try NamePattern(text)
    var matched = 0
    let elapsed = milliseconds { matched = randomNames.filter(pattern.matches).count }
    print("\(text), random a/b names | \(matched) | \(String(format: "%.1f", elapsed))")
}
// Refused when parsed: the DFA would need 2^16 states.
do {
    _ = try NamePattern("a(a|b){15}b$")
} catch {
    print("a(a|b){15}b$ | refused | \(error)")
}
