/// The key someone most likely meant: `maxKills`, `max_kills`, `--max-kills` and `max-kill` all mean `max-kills`.
enum KeySuggestion {
    static func closest(to key: String, among candidates: [String]) -> String? {
        let normalized = normalize(key)
        if normalized != key, candidates.contains(normalized) { return normalized }
        let limit = normalized.count < 5 ? 1 : 2
        // The distance is at least the difference in length: a long key costs nothing to rule out.
        let ranked = candidates.filter { abs($0.count - normalized.count) <= limit }
            .map { (candidate: $0, distance: distance(normalized, $0)) }
            .filter { $0.distance <= limit }
            .min { $0.distance < $1.distance }
        return ranked?.candidate
    }

    /// Lower kebab case without leading dashes: the way flags are spelled.
    static func normalize(_ key: String) -> String {
        var out = ""
        for character in key.drop(while: { $0 == "-" }) {
            if character.isUppercase, let last = out.last, last != "-" {
                out.append("-")
            }
            out += character == "_" || character == " " ? "-" : character.lowercased()
        }
        return out
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
