/// One request for controllers: a GET of one, or a LIST of a kind in a namespace (nil: every namespace).
enum OwnerFetch: Sendable, Hashable {
    case get(OwnerKey)
    case list(kind: String, namespace: String?)

    /// Up to this many controllers of one kind in one scope are read one GET each; more take one LIST. The request
    /// client keeps 8 connections per host (or one HTTP/2 connection), so 8 concurrent GETs cost one round trip, like
    /// a LIST, and carry only what is needed; past 8 they queue and spend the client's rate limit, while one LIST
    /// carries any number.
    static let getLimit = 8

    /// The requests that read `needed`: per kind, per namespace (or across all namespaces when `clusterWide`), GETs
    /// up to `getLimit`, else one LIST. Scopes in `listed` were listed already: what they lack does not exist; scopes in
    /// `refused` may not be listed, so they are read one GET each. A LIST
    /// of ReplicaSets comes with a LIST of Deployments in the same scope, since those are what they almost always
    /// belong to, so both are read in one round trip.
    static func plan(_ needed: Set<OwnerKey>, clusterWide: Bool, listed: Set<OwnerFetch> = [], refused: Set<OwnerFetch> = [])
        -> [OwnerFetch]
    {
        var groups: [OwnerFetch: [OwnerKey]] = [:]
        for key in needed {
            let scope = OwnerFetch.list(kind: key.kind, namespace: clusterWide ? nil : key.namespace)
            if !listed.contains(scope) { groups[scope, default: []].append(key) }
        }
        var fetches: Set<OwnerFetch> = []
        for (scope, keys) in groups {
            if keys.count > getLimit, !refused.contains(scope) {
                fetches.insert(scope)
                if case .list("ReplicaSet", let namespace) = scope {
                    let deployments = OwnerFetch.list(kind: "Deployment", namespace: namespace)
                    if !listed.contains(deployments), !refused.contains(deployments) { fetches.insert(deployments) }
                }
            } else {
                fetches.formUnion(keys.map(OwnerFetch.get))
            }
        }
        return fetches.sorted { $0.sortKey < $1.sortKey }
    }

    private var sortKey: String {
        switch self {
        case .get(let key): "get/\(key.kind)/\(key.namespace)/\(key.name)/\(key.uid)"
        case .list(let kind, let namespace): "list/\(kind)/\(namespace ?? "")"
        }
    }
}
