import Foundation
import KubeAPI

/// One selection rule: a pure function from a candidate to the reason it is excluded, or nil.
public struct PodFilter: Sendable {
    /// The stage it belongs to, as `plan` counts them.
    public let stage: String
    let check: @Sendable (Candidate, SelectionCriteria, Date) -> ExclusionReason?

    public func exclusion(of candidate: Candidate, criteria: SelectionCriteria, now: Date) -> ExclusionReason? {
        check(candidate, criteria, now)
    }
}

/// The filters every selection runs, in stage order. Each is small and tested on its own.
public enum PodFilters {
    public static let all: [PodFilter] = [
        PodFilter(stage: "namespace", check: namespace),
        PodFilter(stage: "namespace", check: protectedNamespace),
        PodFilter(stage: "selector", check: labels),
        PodFilter(stage: "selector", check: fields),
        PodFilter(stage: "selector", check: annotations),
        PodFilter(stage: "name", check: includedName),
        PodFilter(stage: "name", check: excludedName),
        PodFilter(stage: "kind", check: kind),
        PodFilter(stage: "age", check: age),
        PodFilter(stage: "opt-in", check: optIn),
        PodFilter(stage: "protection", check: selfPod),
        PodFilter(stage: "protection", check: ownWorkload),
        PodFilter(stage: "protection", check: protected),
        PodFilter(stage: "protection", check: mirror),
        PodFilter(stage: "protection", check: orphan),
        PodFilter(stage: "health", check: terminating),
        PodFilter(stage: "health", check: running),
        PodFilter(stage: "health", check: ready),
    ]

    static func namespace(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        let scope = criteria.namespaces
        if scope.excluded.contains(candidate.namespace) { return .namespaceNotSelected }
        if !scope.included.isEmpty, !scope.included.contains(candidate.namespace) { return .namespaceNotSelected }
        if let selector = scope.selector, !selector.matches(candidate.namespaceLabels) { return .namespaceNotSelected }
        return nil
    }

    static func protectedNamespace(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        criteria.namespaces.protected.contains(candidate.namespace) ? .protectedNamespace : nil
    }

    static func labels(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        criteria.labelSelector.matches(candidate.pod.metadata.labels ?? [:]) ? nil : .labelSelector
    }

    static func fields(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        criteria.fieldSelector.matches { field in candidate.pod.fieldValue(field) } ? nil : .fieldSelector
    }

    static func annotations(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        let annotations = candidate.pod.metadata.annotations ?? [:]
        return criteria.annotations.allSatisfy { $0.matches(annotations) } ? nil : .annotation
    }

    static func includedName(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        guard let pattern = criteria.includeName else { return nil }
        return pattern.matches(candidate.name) ? nil : .nameNotIncluded
    }

    static func excludedName(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        guard let pattern = criteria.excludeName else { return nil }
        return pattern.matches(candidate.name) ? .nameExcluded : nil
    }

    static func kind(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        criteria.kinds.allows(candidate.owner?.kind) ? nil : .kind
    }

    static func age(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        guard let minAge = criteria.minAge else { return nil }
        // A pod without a creation time cannot be shown to be old enough.
        guard let created = candidate.pod.metadata.creationTimestamp else { return .tooYoung }
        return now.timeIntervalSince(created) >= minAge.seconds ? nil : .tooYoung
    }

    static func optIn(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        guard criteria.optIn else { return nil }
        let flags = [
            candidate.pod.metadata.labels?[PodChaosKeys.enabled], candidate.pod.metadata.annotations?[PodChaosKeys.enabled],
            candidate.owner?.labels[PodChaosKeys.enabled], candidate.owner?.annotations[PodChaosKeys.enabled],
        ]
        return flags.contains("true") ? nil : .notOptedIn
    }

    static func selfPod(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        criteria.selfIdentity.isSelf(candidate) ? .selfPod : nil
    }

    static func ownWorkload(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        guard let ownerUID = criteria.selfIdentity.ownerUID, let owner = candidate.owner else { return nil }
        return owner.uid == ownerUID ? .ownWorkload : nil
    }

    static func protected(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        let flags = [
            candidate.pod.metadata.labels?[PodChaosKeys.protected], candidate.pod.metadata.annotations?[PodChaosKeys.protected],
            candidate.owner?.labels[PodChaosKeys.protected], candidate.owner?.annotations[PodChaosKeys.protected],
        ]
        return flags.contains("true") ? .protected : nil
    }

    static func mirror(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        candidate.pod.isMirror || candidate.owner?.kind == "Node" ? .mirrorPod : nil
    }

    static func orphan(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        candidate.owner == nil && !criteria.includeOrphans ? .orphan : nil
    }

    static func terminating(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        candidate.pod.isTerminating ? .terminating : nil
    }

    static func running(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        candidate.pod.phase == .running ? nil : .notRunning
    }

    static func ready(_ candidate: Candidate, _ criteria: SelectionCriteria, _ now: Date) -> ExclusionReason? {
        candidate.pod.isReady ? nil : .notReady
    }
}

extension Pod {
    /// The value of a field selector path, for the fields the API server supports on pods.
    public func fieldValue(_ path: String) -> String? {
        switch path {
        case "metadata.name": metadata.name
        case "metadata.namespace": metadata.namespace
        case "metadata.uid": metadata.uid
        case "status.phase": status?.phase?.rawValue
        case "spec.nodeName": spec?.nodeName ?? ""
        case "spec.serviceAccountName": spec?.serviceAccountName ?? ""
        case "spec.schedulerName": spec?.schedulerName ?? ""
        case "status.podIP": status?.podIP ?? ""
        default: nil
        }
    }
}
