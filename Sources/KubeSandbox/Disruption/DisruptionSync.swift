import Foundation
import KubeAPI

/// The outcome of one disruption-controller sync of a PodDisruptionBudget.
public struct DisruptionSync: Sendable, Hashable {
    /// The status to write: always with `observedGeneration` = the budget's `metadata.generation`.
    public var status: PodDisruptionBudget.Status
    /// Matching pods without a controller. The real controller leaves them out of `expectedPods` and records an
    /// `UnmanagedPods` warning event rather than failing.
    public var unmanagedPods: [String]
    /// Why the status could not be computed. The status then allows no disruptions (condition `SyncFailed`).
    public var failure: String?
    /// When the earliest `disruptedPods` entry expires, so the budget should be synced again then.
    public var recheckAt: Date?
}
