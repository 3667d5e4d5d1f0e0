import Foundation

/// A glob over URL path segments: `*` is one whole segment, `**` any number of segments (none included), and
/// `*` inside a segment any run of characters in it (`nginx-*`). The query string of a request is ignored.
///
/// `/api/v1/namespaces/*/pods/*/eviction` matches every eviction; `/apis/**` every request under `/apis`.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let segments: [String]

    /// Fails for a pattern that is not an absolute path or uses `**` inside a segment.
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        let segments = Self.segments(of: text)
        guard segments.allSatisfy({ $0 == "**" || !$0.contains("**") }) else { return nil }
        self.text = text
        self.segments = segments
    }

    public func matches(_ path: String) -> Bool {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return Self.match(segments[...], Self.segments(of: withoutQuery)[...])
    }

    public var description: String { text }

    private static func segments(of path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            // Collapsing runs of `**` keeps the search linear in practice.
            if rest.first == "**" { return match(rest, path) }
            return path.indices.contains { match(rest, path[$0...]) } || match(rest, path[path.endIndex...])
        }
        guard let segment = path.first, globMatches(head, segment) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` within one segment: any run of characters, the rest literal.
    private static func globMatches(_ pattern: String, _ text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        guard text.hasPrefix(parts[0]), text.dropFirst(parts[0].count).hasSuffix(parts[parts.count - 1]) else { return false }
        var rest = Substring(text.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count))
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return text.count >= parts[0].count + parts[parts.count - 1].count
    }
}
