/// Why a pod is not eligible. The raw values appear in reports and in `plan -o wide`: they are part of the contract.
public enum ExclusionReason: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case namespaceNotSelected = "namespace-not-selected"
    case protectedNamespace = "protected-namespace"
    case labelSelector = "label-selector"
    case fieldSelector = "field-selector"
    case annotation = "annotation"
    case nameNotIncluded = "name-not-included"
    case nameExcluded = "name-excluded"
    case kind = "kind"
    case tooYoung = "too-young"
    case notOptedIn = "not-opted-in"
    case notRunning = "not-running"
    case notReady = "not-ready"
    case terminating = "terminating"
    case protected = "protected"
    case selfPod = "self"
    case ownWorkload = "own-workload"
    case mirrorPod = "mirror-pod"
    case orphan = "orphan"
    case ownerNotFullyReady = "owner-not-fully-ready"
    case belowMinReady = "below-min-ready"
    case disruptionBudget = "disruption-budget"
    case perOwnerLimit = "per-owner-limit"
    /// `--max-kills 0`: the run may kill nothing.
    case maxKills = "max-kills"

    public var description: String { rawValue }

    /// One line for humans.
    public var explanation: String {
        switch self {
        case .namespaceNotSelected: "namespace not selected"
        case .protectedNamespace: "namespace is protected"
        case .labelSelector: "labels do not match the selector"
        case .fieldSelector: "fields do not match the field selector"
        case .annotation: "annotations do not match"
        case .nameNotIncluded: "name does not match --include-name"
        case .nameExcluded: "name matches --exclude-name"
        case .kind: "owner kind not selected"
        case .tooYoung: "younger than --min-age"
        case .notOptedIn: "neither pod nor owner has podchaosmonkey.io/enabled=true"
        case .notRunning: "not Running"
        case .notReady: "not Ready"
        case .terminating: "already terminating"
        case .protected: "marked podchaosmonkey.io/protected=true"
        case .selfPod: "this is podchaosmonkey's own pod"
        case .ownWorkload: "belongs to podchaosmonkey's own workload"
        case .mirrorPod: "static (mirror) pod"
        case .orphan: "no owner would recreate it (use --include-orphans)"
        case .ownerNotFullyReady: "owner is not fully ready"
        case .belowMinReady: "killing it would leave the owner below --min-ready"
        case .disruptionBudget: "a PodDisruptionBudget allows no disruption"
        case .perOwnerLimit: "its owner already lost as many pods as --per-owner allows"
        case .maxKills: "--max-kills is 0"
        }
    }
}
