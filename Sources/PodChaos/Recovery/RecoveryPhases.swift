/// Seconds after the kill request was accepted at which each phase was first observed; nil when not reached.
public struct RecoveryPhases: Sendable, Hashable, Codable {
    /// The victim showed a deletionTimestamp.
    public var terminating: Double?
    /// The victim was deleted.
    public var gone: Double?
    /// The replacement pod appeared (for a StatefulSet: the same name with a new UID).
    public var replacementCreated: Double?
    public var scheduled: Double?
    /// The replacement's containers were running.
    public var running: Double?
    public var ready: Double?
    /// The owner reported as many ready replicas as it wants.
    public var ownerAvailable: Double?
    /// The replacement was ready in the EndpointSlices of every Service selecting it; nil when no Service does.
    public var endpointsReady: Double?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case terminating, gone, replacementCreated, scheduled, running, ready, ownerAvailable, endpointsReady
    }

    /// Every key is written, null when not reached, so scripts can rely on the shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in [
            (CodingKeys.terminating, terminating), (.gone, gone), (.replacementCreated, replacementCreated), (.scheduled, scheduled),
            (.running, running), (.ready, ready), (.ownerAvailable, ownerAvailable), (.endpointsReady, endpointsReady),
        ] {
            try container.encode(value.map { ($0 * 1000).rounded() / 1000 }, forKey: key)
        }
    }
}

/// How an observed kill ended.
public enum RecoveryVerdict: String, Sendable, Hashable, Codable {
    case recovered
    case timeout
    case notObserved = "not-observed"
    /// The run was interrupted (SIGINT, SIGTERM) before the owner recovered or the timeout passed.
    case interrupted
}

/// Why a workload did not recover (or was not observed). Raw values appear in reports, Events and metrics.
public enum RecoveryReason: String, Sendable, Hashable, Codable, CaseIterable {
    case unschedulable = "Unschedulable"
    case imagePullBackOff = "ImagePullBackOff"
    case errImagePull = "ErrImagePull"
    case crashLoopBackOff = "CrashLoopBackOff"
    case stuckContainerCreating = "ContainerCreating"
    case neverReady = "NeverReady"
    case noReplacement = "NoReplacement"
    case ownerScaledDown = "OwnerScaledDown"
    case ownerDeleted = "OwnerDeleted"
    case ownerNotAvailable = "OwnerNotAvailable"
    case endpointsNotReady = "EndpointsNotReady"
    case victimNotGone = "VictimNotGone"
    case blockedByDisruptionBudget = "PDBBlocked"
    case unsupportedOwner = "UnsupportedOwner"
    case noOwner = "NoOwner"
    case noWait = "NoWait"
    /// Its namespace is past the most a namespaced configuration watches at once (`RecoveryObserver.namespaceLimit`).
    case watchLimit = "WatchLimit"
}
