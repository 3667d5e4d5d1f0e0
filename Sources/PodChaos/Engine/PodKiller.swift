import KubeAPI

/// The API calls of one kill: the seam between the engine's decisions and the cluster, as chaoskube injects its
/// terminator. The engine decides what each answer means (`AttemptOutcome(answer:…)`); a test scripts the answers.
public protocol PodKiller: Sendable {
    /// Sends `request`: an eviction, or a DELETE, guarded by the pod's UID. Returns how the API answered short of an
    /// error; throws its refusal (a budget's 429, a UID precondition's 409) or a failure to reach it.
    func kill(_ request: KillRequest) async throws -> DeletionOutcome

    /// Reads the pod again after the API accepted its kill, to check that it is gone or Terminating.
    func pod(namespace: String, name: String) async throws -> Pod
}
