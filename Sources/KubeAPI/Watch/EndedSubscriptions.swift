import Synchronization

/// The subscriptions of a `SharedInformer` whose consumers have stopped, as their streams' termination handlers report
/// them, so the informer forgets them at its next turn rather than at the next change it delivers, which on a quiet
/// kind may never come.
final class EndedSubscriptions: Sendable {
    private let ids = Mutex<[Int]>([])

    func add(_ id: Int) {
        ids.withLock { $0.append(id) }
    }

    /// The IDs reported since the last call.
    func take() -> [Int] {
        ids.withLock { ids in
            defer { ids.removeAll() }
            return ids
        }
    }
}
