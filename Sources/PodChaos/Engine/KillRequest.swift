/// One kill as the API is asked for it: the pod by name, guarded by its UID so that a same-named replacement is
/// never hit, in the run's mode.
public struct KillRequest: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var uid: String
    public var mode: KillMode
    /// Overrides the pod's terminationGracePeriodSeconds; `force` always sends 0.
    public var gracePeriod: Duration?
    /// `--dry-run=server`: sent with `dryRun=All`, so the API checks it and changes nothing.
    public var serverDryRun: Bool

    public init(namespace: String, name: String, uid: String, mode: KillMode, gracePeriod: Duration? = nil, serverDryRun: Bool = false) {
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.mode = mode
        self.gracePeriod = gracePeriod
        self.serverDryRun = serverDryRun
    }

    /// The kill of `candidate` as `options` ask for it.
    init(_ candidate: Candidate, _ options: KillOptions) {
        self.init(
            namespace: candidate.namespace, name: candidate.name, uid: candidate.uid, mode: options.mode,
            gracePeriod: options.gracePeriod, serverDryRun: options.dryRun == .server)
    }
}
