import PodChaosDaemon
import UnixSignals

/// How `run` ended, and the exit status that follows from it. A daemon stopped by a signal has done as asked (0);
/// `--once` has not when a signal cut it short: it exits as `kill` does then, 128 + the signal's number.
struct RunEnding: Sendable {
    var once: Bool
    /// The signal that asked to stop, if one did.
    var stoppedBy: UnixSignal? = nil
    var lastOutcome: ChaosDaemon.TickOutcome? = nil
    /// Why the last kill's history could not be stored with the Lease, if it could not.
    var historyNotPersisted: String? = nil

    /// The non-zero exit status and its one line for stderr; nil for 0.
    var failure: (status: Int32, message: String)? {
        guard once else { return nil }
        if let stoppedBy {
            return (128 + stoppedBy.rawValue, "\(stoppedBy): --once was stopped before it finished; see the log above")
        }
        if case .skipped(.apiError)? = lastOutcome {
            return (ExitStatus.apiError.rawValue, "the tick could not read the cluster; see the log above")
        }
        if let historyNotPersisted {
            return (
                ExitStatus.apiError.rawValue,
                "the kill history was not stored with the Lease, so the next run's budgets would not see it: \(historyNotPersisted)"
            )
        }
        return nil
    }
}
