import KubeAPI

extension AttemptOutcome {
    /// What the API's `answer` to the kill of `candidate` means for the run. Accepted: killed. A budget's refusal
    /// (429) blocks it, naming the budgets of `budgets` that cover it, and another candidate may be tried. Gone after a
    /// retry (an earlier attempt was applied, its answer lost): killed. Already gone (404), or a UID precondition that
    /// failed (409: the pod chosen was replaced before the kill got to it): gone, which counts as a kill. Anything else
    /// fails the run.
    init(answer: Result<DeletionOutcome, any Error>, for candidate: Candidate, budgets: DisruptionBudgets) {
        switch answer {
        case .success(.accepted), .success(.goneAfterRetry):
            self = .killed
        case .success(.alreadyGone):
            self = .gone
        case .failure(let error as KubeAPIError) where error.isDisruptionBudgetRefusal:
            let names = budgets.covering(candidate.pod).map { $0.budget.metadata.name ?? "" }
            let which = names.isEmpty ? "a PodDisruptionBudget" : "PodDisruptionBudget " + names.joined(separator: ", ")
            self = .blocked(reason: "blocked by \(which): \(error.status?.message ?? "eviction refused")")
        case .failure(let error as KubeAPIError) where error.isConflict || error.isNotFound:
            self = .gone
        case .failure(let error):
            self = .failed(reason: "\(error)")
        }
    }
}
