import Foundation
import Logging
import Synchronization

/// Runs controllers in-process against a `ClusterStore`: one watch on the resources they care about feeds one
/// loop that updates the shared cache, asks each controller what to reconcile and performs their writes through
/// the store, so watch clients see every change a controller makes. Idle, it waits on the watch and holds no
/// timers; timers exist only for objects in a transitional state (a starting or terminating pod).
public final class ControllerManager: Sendable {
    private let task: Mutex<Task<Void, Never>?>

    private init(task: Task<Void, Never>) {
        self.task = Mutex(task)
    }

    /// Starts watching and reconciling. The watch is open when this returns, so no later change is missed.
    public static func start(
        store: ClusterStore, controllers: [any Controller], now: @escaping @Sendable () -> Date = { Date() },
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
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in subscription.events { inbox.push(.event(event)) }
                    inbox.close()
                }
                group.addTask {
                    var loop = ControllerLoop(store: store, controllers: controllers, inbox: inbox, now: now, logger: logger)
                    await loop.run()
                }
            }
            await store.stopWatch(subscription.id)
        }
        return ControllerManager(task: task)
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

/// The manager's single loop; owning all state in one task keeps controllers free of locks.
struct ControllerLoop {
    let store: ClusterStore
    var controllers: [any Controller]
    let inbox: WorkInbox
    let now: @Sendable () -> Date
    let logger: Logger
    var cache = ObjectCache()
    var timers: [TimerKey: Task<Void, Never>] = [:]

    struct TimerKey: Hashable {
        var controller: Int
        var key: ObjectKey
    }

    struct Dirty: Hashable {
        var controller: Int
        var key: ObjectKey
    }

    init(
        store: ClusterStore, controllers: [any Controller], inbox: WorkInbox, now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.store = store
        self.controllers = controllers
        self.inbox = inbox
        self.now = now
        self.logger = logger
    }

    mutating func run() async {
        while let batch = await inbox.next() {
            var dirty: [Dirty] = []
            var seen: Set<Dirty> = []
            for work in batch {
                switch work {
                case .event(let event):
                    guard let change = cache.apply(event) else { continue }
                    for index in controllers.indices {
                        for key in controllers[index].observe(change, in: cache) {
                            let item = Dirty(controller: index, key: key)
                            if seen.insert(item).inserted { dirty.append(item) }
                        }
                    }
                case .timer(let controller, let key):
                    timers[TimerKey(controller: controller, key: key)] = nil
                    let item = Dirty(controller: controller, key: key)
                    if seen.insert(item).inserted { dirty.append(item) }
                }
            }
            for item in dirty {
                if Task.isCancelled { break }
                let actions = controllers[item.controller].reconcile(item.key, in: cache, now: now())
                for action in actions { await perform(action, for: item.controller) }
            }
        }
        for timer in timers.values { timer.cancel() }
        timers = [:]
    }

    private mutating func perform(_ action: ControllerAction, for controller: Int) async {
        do throws(StatusError) {
            switch action {
            case .create(let type, let namespace, let object):
                cache.record(type, try await store.create(type, namespace: namespace, object))
            case .modify(let key, let subresource, let transform):
                let updated = try await store.modify(
                    key.type, namespace: key.namespace, name: key.name, subresource: subresource, transform)
                cache.record(key.type, updated)
            case .delete(let key, let options):
                let result = try await store.delete(key.type, namespace: key.namespace, name: key.name, options: options)
                if result.isTerminating {
                    cache.record(key.type, result)
                } else {
                    cache.recordRemoval(key, version: result.resourceVersionNumber)
                }
            case .finishTermination(let key):
                let result = try await store.finishTermination(key.type, namespace: key.namespace, name: key.name)
                cache.recordRemoval(key, version: result.resourceVersionNumber)
            case .emptyNamespace(let namespace):
                if try await !store.emptyTerminatingNamespace(namespace) {
                    schedule(
                        controller: controller, key: ObjectKey(ControlledResources.namespaces, namespace: nil, name: namespace),
                        after: .milliseconds(100))
                }
            case .requeue(let key, let delay):
                schedule(controller: controller, key: key, after: delay)
            }
        } catch {
            // Another writer got there first (gone, already exists, conflict): the watch brings the new state.
            logger.debug("\(controllers[controller].name): \(error.message)")
        }
    }

    private mutating func schedule(controller: Int, key: ObjectKey, after delay: Duration) {
        let timerKey = TimerKey(controller: controller, key: key)
        timers[timerKey]?.cancel()
        let inbox = inbox
        timers[timerKey] = Task {
            do {
                try await Task.sleep(for: max(delay, .zero))
            } catch {
                return
            }
            inbox.push(.timer(controller: controller, key: key))
        }
    }
}
