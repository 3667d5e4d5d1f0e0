import Foundation
import KubeAPI

/// What the status server shows: `/plan` and `/readyz`.
extension ChaosDaemon {
    /// The `/plan` view: the last tick's eligible owners with their probabilities, budgets left now, pauses, the owners
    /// held after a harmful kill and the last probed kill's impact.
    public func snapshot() -> PlanSnapshot {
        let now = clock.now()
        var snapshot = state
        snapshot.recoveryPending = pendingKills.map(\.kill.killId.rawValue)
        snapshot.impactHolds = heldOwners()
        snapshot.budgets.killsLeftThisHour = options.budget.killsLeftThisHour(history: history, now: now)
        var byNamespace: [String: Int] = [:]
        for namespace in Set(state.eligibleOwners.map(\.namespace)) {
            if let left = options.budget.killsLeftThisHour(namespace: namespace, history: history, now: now) {
                byNamespace[namespace] = left
            }
        }
        snapshot.budgets.killsLeftThisHourByNamespace = byNamespace
        return snapshot
    }

    /// The `/plan` body.
    public func planJSON() -> Data { snapshot().json() }

    /// `/healthz`: fails while a tick has run longer than `--tick-timeout`; never waits for the daemon.
    public nonisolated func livenessChecks() -> [ReadinessCheck] { [liveness.check()] }

    /// `/readyz`: the API server answers (any HTTP status counts: a 403 proves it is reachable), and leadership is known.
    public func readiness() async -> [ReadinessCheck] {
        var api = ReadinessCheck(name: "api", ok: true, detail: "reachable")
        do {
            _ = try await client.get(Namespace.self, name: client.config.namespace)
        } catch let error as KubeAPIError where error.httpStatus != nil {
        } catch {
            api = ReadinessCheck(name: "api", ok: false, detail: "\(error)")
        }
        let known = await leadership.isKnown()
        let holder = await leadership.holder()
        let detail = known ? holder.map { "held by \($0)" } ?? "no holder" : "first attempt to acquire not finished"
        return [api, ReadinessCheck(name: "leadership", ok: known, detail: detail)]
    }
}
