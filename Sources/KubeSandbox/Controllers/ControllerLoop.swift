import Foundation
import Logging

/// The manager's single loop; owning all state in one task keeps controllers free of locks.
struct ControllerLoop {
    let store: ClusterStore
    var controllers: [any Controller]
    let inbox: WorkInbox
    let clock: ControllerClock
    let logger: Logger
    var cache = ObjectCache()
    var timers: [TimerKey: Task<Void, Never>] = [:]
    /// When each timer in `timers` is due, in `clock.elapsedTime`.
    var deadlines: [TimerKey: Duration] = [:]
    /// The highest resourceVersion of a watch event handled so far.
    var handledVersion = 0

    struct TimerKey: Hashable {
        var controller: Int
        var key: ObjectKey
    }

    struct Dirty: Hashable {
        var controller: Int
        var key: ObjectKey
    }

    init(
        store: ClusterStore, controllers: [any Controller], inbox: WorkInbox, clock: ControllerClock, logger: Logger
    ) {
        self.store = store
        self.controllers = controllers
        self.inbox = inbox
        self.clock = clock
        self.logger = logger
    }

    mutating func run() async {
        while let batch = await inbox.next(at: position, now: clock.elapsedTime) {
            var dirty: [Dirty] = []
            var seen: Set<Dirty> = []
            for work in batch {
                switch work {
                case .event(let event):
                    handledVersion = max(handledVersion, event.object.resourceVersionNumber)
                    guard let change = cache.apply(event) else { continue }
                    for index in controllers.indices {
                        for key in controllers[index].observe(change, in: cache) {
                            let item = Dirty(controller: index, key: key)
                            if seen.insert(item).inserted { dirty.append(item) }
                        }
                    }
                case .timer(let controller, let key):
                    timers[TimerKey(controller: controller, key: key)] = nil
                    deadlines[TimerKey(controller: controller, key: key)] = nil
                    let item = Dirty(controller: controller, key: key)
                    if seen.insert(item).inserted { dirty.append(item) }
                }
            }
            for item in dirty {
                if Task.isCancelled { break }
                let actions = controllers[item.controller].reconcile(item.key, in: cache, now: clock.now)
                for action in actions { await perform(action, for: item.controller) }
            }
        }
        for timer in timers.values { timer.cancel() }
        timers = [:]
        deadlines = [:]
    }

    private var position: WorkInbox.LoopPosition {
        WorkInbox.LoopPosition(handledVersion: handledVersion, earliestTimer: deadlines.values.min())
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
        let deadline = clock.elapsedTime + max(delay, .zero)
        deadlines[timerKey] = deadline
        let inbox = inbox
        let clock = clock
        timers[timerKey] = Task(executorPreference: DedicatedExecutor.sandbox) {
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return
            }
            inbox.push(.timer(controller: controller, key: key))
        }
    }
}
