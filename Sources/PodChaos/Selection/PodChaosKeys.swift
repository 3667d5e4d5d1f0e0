/// Every `podchaosmonkey.io/` name: the label and annotation keys podchaosmonkey reads (part of its contract with
/// users' manifests), the annotation it keeps on its Lease, and the controller name on the Events it writes.
public enum PodChaosKeys {
    /// `true` on a pod or its owner opts it in when `--opt-in` is set.
    public static let enabled = "podchaosmonkey.io/enabled"
    /// `true` on a pod (label or annotation) or its owner: never killed.
    public static let protected = "podchaosmonkey.io/protected"
    /// Recovery objective on an owner, e.g. `30s`.
    public static let recoverySLO = "podchaosmonkey.io/recovery-slo"
    /// Probes on an owner, one `--probe` text per line; only `service:` probes of a Service in the owner's namespace.
    public static let probe = "podchaosmonkey.io/probe"
    /// `true` on a namespace or on the tool's own Deployment pauses the daemon.
    public static let paused = "podchaosmonkey.io/paused"
    /// An owner's mean time between kills for the daemon, e.g. `2d`; without it `--default-mtbf` applies.
    public static let mtbf = "podchaosmonkey.io/mtbf"
    /// On an owner the daemon holds back after a kill that hurt its users (`impact_cooldown`): the id of that kill
    /// clears the hold.
    public static let impactCleared = "podchaosmonkey.io/impact-cleared"
    /// On the daemon's Lease: the persisted kill history, so a successor inherits it on failover.
    public static let history = "podchaosmonkey.io/history"
    /// The `reportingController` of the Events podchaosmonkey writes.
    public static let reportingController = "podchaosmonkey.io/podchaosmonkey"

    /// Namespaces excluded unless `--unprotect-namespace` names them.
    public static let defaultProtectedNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]
}
