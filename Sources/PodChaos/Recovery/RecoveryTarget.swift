import Foundation
import KubeAPI

/// What the observer needs to know about one kill to follow its recovery.
public struct RecoveryTarget: Sendable {
    public var killID: KillID
    public var victim: Pod
    public var owner: Workload
    /// The observer's clock when the kill request was accepted; phases count from here.
    public var requestedAt: Date
    /// UIDs of the controllers whose pods belong to the owner: the Deployment's ReplicaSets, or the owner itself.
    public var podControllerUIDs: Set<String>
    /// Pods of the owner that existed before the kill; none of them can be the replacement.
    public var existingPodUIDs: Set<String>
    /// Recovery objective from `--recovery-slo` or the owner's `podchaosmonkey.io/recovery-slo` annotation.
    public var slo: Duration?

    public init(
        killID: KillID, victim: Pod, owner: Workload, requestedAt: Date, podControllerUIDs: Set<String>, existingPodUIDs: Set<String>,
        slo: Duration?
    ) {
        self.killID = killID
        self.victim = victim
        self.owner = owner
        self.requestedAt = requestedAt
        self.podControllerUIDs = podControllerUIDs
        self.existingPodUIDs = existingPodUIDs
        self.slo = slo
    }

    var victimUID: String { victim.metadata.uid ?? "" }
    var victimName: String { victim.metadata.name ?? "" }
    var gracePeriodSeconds: Int64 { victim.metadata.deletionGracePeriodSeconds ?? victim.spec?.terminationGracePeriodSeconds ?? 30 }

    /// Whether `pod` belongs to the owner at all.
    func belongsToOwner(_ pod: Pod) -> Bool {
        guard let controller = pod.metadata.controller else { return false }
        return podControllerUIDs.contains(controller.uid)
    }
}
