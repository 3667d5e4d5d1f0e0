/// A change of leadership as one `LeaderElector` saw it, in the order it saw them (client-go's callbacks).
public enum LeaderElectionEvent: Sendable, Hashable {
    /// This instance acquired the lease.
    case startedLeading
    /// This instance stopped leading: it could not renew in time, lost the lease, released it, or was cancelled.
    case stoppedLeading
    /// The Lease names a different holder than before; nil once it was released.
    case newLeader(String?)
}
