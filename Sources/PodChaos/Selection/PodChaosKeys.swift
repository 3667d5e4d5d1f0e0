/// The label and annotation keys podchaosmonkey reads. Part of its contract with users' manifests.
public enum PodChaosKeys {
    /// `true` on a pod or its owner opts it in when `--opt-in` is set.
    public static let enabled = "podchaosmonkey.io/enabled"
    /// `true` on a pod (label or annotation) or its owner: never killed.
    public static let protected = "podchaosmonkey.io/protected"
    /// Recovery objective on an owner, e.g. `30s`.
    public static let recoverySLO = "podchaosmonkey.io/recovery-slo"
    /// `true` on a namespace or on the tool's own Deployment pauses the daemon.
    public static let paused = "podchaosmonkey.io/paused"

    /// Namespaces excluded unless `--unprotect-namespace` names them.
    public static let defaultProtectedNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]
}
