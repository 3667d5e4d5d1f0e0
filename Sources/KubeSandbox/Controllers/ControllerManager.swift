import Foundation
import Logging
import Synchronization

/// Runs controllers in-process against a `ClusterStore`: one watch on the resources they care about feeds one
/// loop that updates the shared cache, asks each controller what to reconcile and performs their writes through
/// the store, so watch clients see every change a controller makes. Idle, it waits on the watch and holds no
/// timers; timers exist only for objects in a transitional state (a starting or terminating pod).
public final class ControllerManager: Sendable {
    private let task: Mutex<Task<Void, Never>?>
    private let store: ClusterStore
    private let watchID: Int
    private let inbox: WorkInbox
    private let clock: ControllerClock

    private init(task: Task<Void, Never>, store: ClusterStore, watchID: Int, inbox: WorkInbox, clock: ControllerClock) {
        self.task = Mutex(task)
        self.store = store
        self.watchID = watchID
        self.inbox = inbox
        self.clock = clock
    }

    /// Starts watching and reconciling. The watch is open when this returns, so no later change is missed.
    public static func start(
        store: ClusterStore, controllers: [any Controller], clock: ControllerClock = .wall,
        logger: Logger = Logger(label: "podchaosmonkey.sandbox.controllers")
    ) async throws(StatusError) -> ControllerManager {
        let kinds = Set(ControlledResources.watched.map(\.kind))
        let filter = ObjectFilter { object in
            // Only the watched kinds; Events and the like would only wake the loop for nothing.
            kinds.contains(object["kind"]?.stringValue ?? "") && object["apiVersion"]?.stringValue != "events.k8s.io/v1"
        }
        // Unbounded: a burst (a 50,000-pod manifest) must not close the controllers' watch while they catch up.
        let subscription = try await store.watch(nil, filter: filter, from: .currentState, unbounded: true)
        let inbox = WorkInbox()
        let task = Task(executorPreference: DedicatedExecutor.sandbox) {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in subscription.events { inbox.push(.event(event)) }
                    inbox.close()
                }
                group.addTask {
                    var loop = ControllerLoop(store: store, controllers: controllers, inbox: inbox, clock: clock, logger: logger)
                    await loop.run()
                }
            }
            await store.stopWatch(subscription.id)
        }
        return ControllerManager(task: task, store: store, watchID: subscription.id, inbox: inbox, clock: clock)
    }

    /// Returns once the controllers have nothing to do: their loop has handled every change the store has made,
    /// waits for the next one with nothing queued, holds no timer that is due on its clock, and the store's
    /// resourceVersion has not moved while this waited (so nothing of theirs is still on its way back through the
    /// watch). Timers not yet due may remain. After `stop()` it returns without waiting.
    public func idle() async {
        while true {
            let version = await store.resourceVersion
            // Behind every change made so far: once the loop has handled it, it has handled them all.
            await store.sendBookmark(to: watchID)
            guard await inbox.idle(caughtUpTo: version, now: clock.elapsedTime) else { return }
            if await store.resourceVersion == version { return }
        }
    }

    /// Stops every controller and timer and waits for them to finish.
    public func stop() async {
        let running = task.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }
}
