/// How a `LeaderElector` competes for one `coordination.k8s.io/v1` Lease. The timings default to client-go's and are
/// validated by its rules: a holder that cannot renew gives up after `renewDeadline`, which must come before anyone
/// else may take the lease (`leaseDuration`), with room for at least one jittered retry in between.
public struct LeaderElectionConfig: Sendable, Hashable {
    /// client-go's `JitterFactor`: an acquire retry waits `retryPeriod × (1 + random × 1.2)`.
    public static let jitterFactor = 1.2

    public var leaseNamespace: String
    public var leaseName: String
    /// Who this instance is (conventionally the pod name); stored as the Lease's `holderIdentity`.
    public var identity: String
    /// How long others wait, from when they saw the last renewal, before they may take the lease.
    public var leaseDuration: Duration
    /// How long the holder keeps trying to renew before it stops leading.
    public var renewDeadline: Duration
    /// Time between attempts to acquire or renew.
    public var retryPeriod: Duration
    /// On cancellation, hand the lease back (holder cleared, duration 1 s) so a successor need not wait it out.
    public var releaseOnCancel: Bool

    public init(
        leaseNamespace: String, leaseName: String, identity: String, leaseDuration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2), releaseOnCancel: Bool = true
    ) {
        self.leaseNamespace = leaseNamespace
        self.leaseName = leaseName
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnCancel = releaseOnCancel
    }

    /// Checks client-go's rules; the error names the offending value.
    public func validate() throws(LeaderElectionError) {
        for (field, value) in [("leaseDuration", leaseDuration), ("renewDeadline", renewDeadline), ("retryPeriod", retryPeriod)]
        where value <= .zero {
            throw .invalidConfiguration(field, "must be greater than zero, not \(value.text)")
        }
        if leaseDuration <= renewDeadline {
            throw .invalidConfiguration(
                "leaseDuration",
                "(\(leaseDuration.text)) must be greater than renewDeadline (\(renewDeadline.text)), "
                    + "or another instance could take the lease while this one still leads")
        }
        if renewDeadline <= retryPeriod * Self.jitterFactor {
            throw .invalidConfiguration(
                "renewDeadline",
                "(\(renewDeadline.text)) must be greater than retryPeriod × \(Self.jitterFactor) "
                    + "(\((retryPeriod * Self.jitterFactor).text))")
        }
        if identity.isEmpty { throw .invalidConfiguration("identity", "must not be empty") }
        if leaseName.isEmpty { throw .invalidConfiguration("leaseName", "must not be empty") }
        if leaseNamespace.isEmpty { throw .invalidConfiguration("leaseNamespace", "must not be empty") }
    }

    /// `leaseDurationSeconds` as written to the Lease: rounded up, so others never wait less than configured.
    var leaseDurationSeconds: Int {
        max(1, Int((leaseDuration.seconds).rounded(.up)))
    }
}

extension Duration {
    /// `15s`, `1.5s`, `250ms`: as a person would write it in a message.
    fileprivate var text: String {
        let value = seconds
        if value != 0 && abs(value) < 1 { return "\(Int((value * 1000).rounded()))ms" }
        return value == value.rounded() ? "\(Int(value))s" : "\(value)s"
    }
}
