/// `--kinds Deployment,StatefulSet,!DaemonSet`: which owner kinds may lose pods.
public struct KindFilter: Sendable, Hashable, CustomStringConvertible {
    public var included: Set<String>
    public var excluded: Set<String>

    public static let any = KindFilter(included: [], excluded: [])

    public init(included: Set<String>, excluded: Set<String>) {
        self.included = included
        self.excluded = excluded
    }

    public init(parsing text: String) throws(SelectionError) {
        var included: Set<String> = []
        var excluded: Set<String> = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            var item = Substring(String(raw).trimmingWhitespace())
            let negated = item.hasPrefix("!")
            if negated { item = item.dropFirst() }
            guard let first = item.first, first.isLetter, item.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw SelectionError.invalidKinds(text)
            }
            // Users type `deployment` as often as `Deployment`; Kubernetes kinds are unique case-insensitively.
            let kind = Self.canonical(String(item))
            if negated { excluded.insert(kind) } else { included.insert(kind) }
        }
        self.init(included: included, excluded: excluded)
    }

    /// Whether pods owned by `kind` (nil for orphans) pass.
    public func allows(_ kind: String?) -> Bool {
        guard let kind else { return included.isEmpty }
        let canonical = Self.canonical(kind)
        if excluded.contains(canonical) { return false }
        return included.isEmpty || included.contains(canonical)
    }

    static func canonical(_ kind: String) -> String {
        let known = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]
        return known.first { $0.lowercased() == kind.lowercased() } ?? kind
    }

    public var description: String {
        (included.sorted() + excluded.sorted().map { "!\($0)" }).joined(separator: ",")
    }
}
