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
        case crashBackOff(until: Date, lastStarted: Date, lastFinished: Date)
    }

    var uid: String
    var acceptedAt: Date
    var stage: Stage = .creating
    var restarts = 0
    var podIP: String?
    var hostIP: String
    var terminatingSince: Date?
}
