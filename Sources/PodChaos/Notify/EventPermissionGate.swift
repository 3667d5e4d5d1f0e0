import Foundation

/// Proves, once per namespace and before the first kill there, that the kill's Event may be written (a server
/// dry-run create), so the cost is one request per namespace where a kill happens, not per namespace in scope. The
/// first refusal is kept: no kill starts after it, and the run reports it.
actor EventPermissionGate {
    private let events: EventRecorder
    private let mode: KillMode
    private let now: @Sendable () -> Date
    /// Checks started, by namespace; a second kill in the namespace waits for the first one's check.
    private var checks: [String: Task<Void, any Error>] = [:]
    private(set) var refusal: (any Error)?

    init(events: EventRecorder, mode: KillMode, now: @escaping @Sendable () -> Date) {
        self.events = events
        self.mode = mode
        self.now = now
    }

    /// Throws the refusal, if Events may not be written where `candidate` lives.
    func prove(_ candidate: Candidate) async throws {
        if let refusal { throw refusal }
        let check =
            checks[candidate.namespace]
            ?? Task { [events, mode, now] in try await events.checkPermission(for: candidate, mode: mode, at: now()) }
        checks[candidate.namespace] = check
        do {
            try await check.value
        } catch {
            if refusal == nil { refusal = error }
            throw error
        }
    }

    /// Whether a kill of `candidate` may go ahead: no refusal so far, and none where it lives.
    func admits(_ candidate: Candidate) async -> Bool {
        do {
            try await prove(candidate)
            return true
        } catch {
            return false
        }
    }
}
