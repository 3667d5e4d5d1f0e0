import KubeAPI

/// Which namespaces are in play: `-n a -n '!b'`, `--all-namespaces`, `--namespace-selector`, and the protected set.
public struct NamespaceScope: Sendable, Hashable {
    /// Namespaces named with `-n`; empty with `allNamespaces` means every namespace.
    public var included: [String]
    /// Namespaces named with `-n '!name'`.
    public var excluded: Set<String>
    public var allNamespaces: Bool
    /// Labels the namespace must carry (`--namespace-selector`).
    public var selector: Labels.Selector?
    /// Never touched, even when named; `--unprotect-namespace` removes entries.
    public var protected: Set<String>

    public init(
        included: [String] = [], excluded: Set<String> = [], allNamespaces: Bool = false, selector: Labels.Selector? = nil,
        protected: Set<String> = PodChaosKeys.defaultProtectedNamespaces
    ) {
        self.included = included
        self.excluded = excluded
        self.allNamespaces = allNamespaces
        self.selector = selector
        self.protected = protected
    }

    /// Parses repeated `-n` values: `name` includes, `!name` excludes.
    public static func parse(_ values: [String]) throws(SelectionError) -> (included: [String], excluded: Set<String>) {
        var included: [String] = []
        var seen: Set<String> = []
        var excluded: Set<String> = []
        for value in values {
            let negated = value.hasPrefix("!")
            let name = negated ? String(value.dropFirst()) : value
            guard Self.isDNSLabel(name) else { throw SelectionError.invalidNamespace(value) }
            if negated { excluded.insert(name) } else if seen.insert(name).inserted { included.append(name) }
        }
        return (included, excluded)
    }

    /// True when pods must be listed across all namespaces rather than namespace by namespace.
    public var listsAllNamespaces: Bool { allNamespaces || (included.isEmpty && selector != nil) }

    static func isDNSLabel(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 63, let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || ($0.isNumber && $0.isASCII) || $0 == "-" }
        return allowed && first != "-" && last != "-"
    }
}
