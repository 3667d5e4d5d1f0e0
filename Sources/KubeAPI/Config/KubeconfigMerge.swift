/// Several kubeconfig files merged as kubectl merges `KUBECONFIG`: for every named cluster, user and context, and for
/// `current-context`, the first file that sets it wins.
struct KubeconfigMerge {
    /// The files that were read, in order; used to name "the kubeconfig" in errors not tied to one entry.
    var files: [String] = []
    var currentContext: String?
    var clusters: [String: KubeconfigFile.Cluster] = [:]
    var users: [String: KubeconfigFile.User] = [:]
    var contexts: [String: KubeconfigFile.Context] = [:]

    init(_ parsed: [KubeconfigFile]) {
        for file in parsed {
            files.append(file.path)
            if currentContext == nil { currentContext = file.currentContext }
            for cluster in file.clusters where clusters[cluster.name] == nil { clusters[cluster.name] = cluster }
            for user in file.users where users[user.name] == nil { users[user.name] = user }
            for context in file.contexts where contexts[context.name] == nil { contexts[context.name] = context }
        }
    }

    var label: String { files.joined(separator: ":") }
}
