import Foundation

/// What the simulated kubelet remembers of one pod it runs. Kept in memory rather than read back from the
/// status, whose timestamps have only second precision.
struct PodRun: Sendable {
    enum Stage: Sendable, Equatable {
        case creating
        case imagePullError
        case imagePullBackOff
        case running(since: Date)
        case ready(since: Date)
        /// The container exited and waits out its back-off before it restarts.
        case crashBackOff(until: Date)
    }

    var uid: String
    var acceptedAt: Date
    var stage: Stage = .creating
    var restarts = 0
    /// When the last crashed container started and exited; reported as `lastState.terminated`.
    var lastTermination: (started: Date, finished: Date)?
    var podIP: String?
    var hostIP: String
    var terminatingSince: Date?
}
