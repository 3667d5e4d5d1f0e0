import Foundation
import Logging

/// The kill history kept in the lease, so a restart or a failover keeps the budgets.
extension ChaosDaemon {
    func adoptPersistedHistory() async {
        guard let stored = await leadership.persistedState(), stored != knownState else { return }
        knownState = stored
        do {
            history = history.merging(try KillHistory(decoding: stored))
        } catch {
            logger.warning("ignoring persisted kill history", metadata: ["error": "\(error)"])
        }
    }

    func persistHistory() async {
        history.prune(now: clock.now(), ownerRetention: options.budget.minTimeBetweenKillsPerOwner.seconds)
        let encoded = history.encoded()
        do {
            try await leadership.persist(encoded)
            knownState = encoded
            historyNotPersisted = nil
        } catch {
            historyNotPersisted = error
            logger.warning("kill history not persisted", metadata: ["error": "\(error)"])
        }
    }
}
