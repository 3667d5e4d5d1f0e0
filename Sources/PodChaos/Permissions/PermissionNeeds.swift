/// What a configuration will do against the Kubernetes API, reduced to the facts that decide its RBAC.
/// Built from the same `KillOptions` a run uses (`init(options:home:ownWorkload:leaseName:)`), so the rules
/// follow the flags. Dry run is deliberately not an input: the rules are those of the armed run, so arming a
/// deployment is deleting one argument, not regenerating its RBAC.
public struct PermissionNeeds: Sendable, Hashable {
    /// Where pods are listed and killed.
    public enum Reach: Sendable, Hashable {
        /// Namespace by namespace: a Role in each.
        case namespaces([String])
        /// Across every namespace (`--all-namespaces`, or a namespace selector without `-n`): a ClusterRole.
        case cluster
    }

    /// The controller of the tool's own pod, which it resolves (downward-API `POD_NAME`) to protect its replicas.
    public enum OwnWorkload: Sendable, Hashable {
        case deployment(String)
        case job(String)
    }

    public var reach: Reach
    public var killMode: KillMode
    /// Recovery is observed (not `--no-wait`): pods, owners, Services and EndpointSlices are listed and watched.
    public var watchesRecovery: Bool
    /// `--namespace-selector`: namespaces are listed to read their labels.
    public var listsNamespaces: Bool
    /// The namespace the tool runs in (its service account's); the default target when no `-n` is given.
    public var homeNamespace: String
    /// Nil when the tool runs without `POD_NAME` (outside the cluster): nothing of its own is read.
    public var ownWorkload: OwnWorkload?
    /// `--scale-down-self`: the own Deployment's `scale` is patched to 0 at the end.
    public var scaleDownSelf: Bool
    /// The daemon's leader-election Lease in the home namespace, when it elects a leader.
    public var leaseName: String?
    /// The daemon reads each target namespace for its `podchaosmonkey.io/paused` annotation on every tick.
    public var readsNamespacePauses: Bool
    /// The daemon keeps a watch cache of its targets: pods, owners, budgets, Services, EndpointSlices and the target
    /// namespaces are listed and watched, and its own Deployment is watched by name for its pause annotation.
    public var cachesTargets: Bool
    /// `service:` probes sent through the API server's service proxy (`--probe-via proxy`), with the methods they send.
    public var proxiedProbes: [ProbeSpec] = []

    public init(
        reach: Reach, killMode: KillMode = .evict, watchesRecovery: Bool = true, listsNamespaces: Bool = false,
        homeNamespace: String, ownWorkload: OwnWorkload? = nil, scaleDownSelf: Bool = false, leaseName: String? = nil,
        readsNamespacePauses: Bool = false, cachesTargets: Bool = false
    ) {
        self.reach = reach
        self.killMode = killMode
        self.watchesRecovery = watchesRecovery
        self.listsNamespaces = listsNamespaces
        self.homeNamespace = homeNamespace
        self.ownWorkload = ownWorkload
        self.scaleDownSelf = scaleDownSelf
        self.leaseName = leaseName
        self.readsNamespacePauses = readsNamespacePauses
        self.cachesTargets = cachesTargets
    }

    /// The needs of a `kill` with `options`, run from `homeNamespace` as `ownWorkload`. Namespaces are chosen as
    /// `InventoryLoader` chooses them: every namespace when the selection lists across namespaces, else the `-n`
    /// namespaces (the home namespace when none) less the excluded and protected ones.
    public init(options: KillOptions, homeNamespace: String, ownWorkload: OwnWorkload?, leaseName: String? = nil) {
        let scope = options.criteria.namespaces
        let reach: Reach
        if scope.listsAllNamespaces {
            reach = .cluster
        } else {
            let named = scope.included.isEmpty ? [homeNamespace] : scope.included
            reach = .namespaces(named.filter { !scope.excluded.contains($0) && !scope.protected.contains($0) })
        }
        self.init(
            reach: reach, killMode: options.mode, watchesRecovery: options.recovery.wait, listsNamespaces: scope.selector != nil,
            homeNamespace: homeNamespace, ownWorkload: ownWorkload, scaleDownSelf: options.scaleDownSelf, leaseName: leaseName)
    }
}
