import Foundation

/// A pod that selection or the safety floor turned away, with every reason that applies.
public struct Exclusion: Sendable, Hashable {
    public var candidate: Candidate
    public var reasons: [ExclusionReason]
}

/// How many pods were still in play after each stage, for `plan`.
public struct StageCount: Sendable, Hashable {
    public var stage: String
    public var remaining: Int
}

/// The outcome of running every filter over every candidate.
public struct SelectionResult: Sendable {
    public var considered: Int
    public var eligible: [Candidate]
    public var excluded: [Exclusion]
    public var stages: [StageCount]
}

/// Runs the filters. Pure: the same candidates, criteria and clock always give the same result.
public enum Selection {
    public static func evaluate(
        _ candidates: [Candidate], criteria: SelectionCriteria, now: Date, filters: [PodFilter] = PodFilters.all
    ) -> SelectionResult {
        var eligible: [Candidate] = []
        var excluded: [Exclusion] = []
        var stageNames: [String] = []
        for filter in filters where stageNames.last != filter.stage { stageNames.append(filter.stage) }
        var firstFailingStage: [Int] = []

        for candidate in candidates {
            var reasons: [ExclusionReason] = []
            var failedStage: Int?
            for filter in filters {
                guard let reason = filter.exclusion(of: candidate, criteria: criteria, now: now) else { continue }
                reasons.append(reason)
                if failedStage == nil { failedStage = stageNames.firstIndex(of: filter.stage) }
            }
            if let failedStage {
                excluded.append(Exclusion(candidate: candidate, reasons: reasons))
                firstFailingStage.append(failedStage)
            } else {
                eligible.append(candidate)
            }
        }
        let stages = stageNames.enumerated().map { index, name in
            StageCount(stage: name, remaining: candidates.count - firstFailingStage.filter { $0 <= index }.count)
        }
        return SelectionResult(considered: candidates.count, eligible: eligible, excluded: excluded, stages: stages)
    }
}
