import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Synchronization
import Testing

@testable import PodChaos

/// A living sandbox in `demo` whose controllers and whose engine share one stepping clock: pods move through their
/// lifecycle, and recoveries are timed and time out, only as the test moves time. Time moves to the next timer only
/// once the controllers are idle and the recovery observer has handled every change the store holds, so each phase
/// reads exactly the kubelet's delays, on any machine.
struct SteppedSandbox {
    let sandbox: Sandbox
    let client: KubernetesClient
    let time: SteppingClock
    let clock: ControllerClock
    let watches: HandledWatches

    /// Runs `body` against a fresh sandbox reached in-process, and always stops it.
    static func with(timings: PodLifecycleTimings, _ body: (SteppedSandbox) async throws -> Void) async throws {
        let time = SteppingClock()
        let clock = ControllerClock(time, startingAt: Date())
        var options = SandboxOptions(podTimings: timings)
        options.controllerClock = clock
        try await withInProcessSandbox(options, namespace: "demo") { sandbox, client in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            try await body(
                SteppedSandbox(sandbox: sandbox, client: client, time: time, clock: clock, watches: HandledWatches(client: client)))
        }
    }

    func load(_ yaml: String) async throws { _ = try await sandbox.load(yaml) }

    /// An engine on the sandbox's time, observing recovery through `watches`.
    func engine(metrics: ChaosMetrics = ChaosMetrics()) -> ChaosEngine {
        let clock = self.clock
        return ChaosEngine(client: client, version: "test", metrics: metrics, now: { clock.now }, timer: time, sharedWatches: watches)
    }

    /// Moves time through the controllers' timers until `done` holds (setting a workload up; no engine runs).
    func settle(until done: () async throws -> Bool) async throws {
        try await time.fireTimers(until: done)
    }

    /// Runs `body` (a kill) while moving time to each next timer — the kubelet's and the recovery timeout — once
    /// `started` holds (the kill took effect: before, the only timer may be the recovery timeout, armed before the kill
    /// is sent), the controllers are idle and the observer has caught up with a store that did not change meanwhile,
    /// until `body` returns.
    func advancing<T: Sendable>(
        once started: @escaping @Sendable () async throws -> Bool, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let finished = Finished()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                defer { finished.set() }
                return try await body()
            }
            group.addTask {
                try await waitFor(finished, started)
                try await moveTime(until: finished)
                return nil
            }
            var result: T?
            for try await value in group where value != nil { result = value }
            return try #require(result)
        }
    }

    private func moveTime(until finished: Finished) async throws {
        while !finished.value {
            try await waitFor(finished) { time.sleeperCount > 0 }
            try await waitFor(finished) { try await settled() }
            // The deadlines as they are now: a sleep that ended meanwhile (the kill reported) leaves none to move to.
            guard !finished.value, let next = await time.sleeping(where: { _ in true }).first else { continue }
            time.advance(by: time.now.duration(to: next))
        }
    }

    /// True when the controllers are idle and the observer has handled every change, with no change to the store
    /// while that was checked.
    private func settled() async throws -> Bool {
        let before = await sandbox.store.currentResourceVersion
        await sandbox.controllersIdle()
        guard try await watches.caughtUp(with: sandbox.store, namespace: "demo") else { return false }
        return await sandbox.store.currentResourceVersion == before
    }

    /// The pods in `demo` that are not terminating, by UID.
    func runningPodUIDs() async throws -> Set<String> {
        Set(try await client.list(Pod.self, namespace: "demo").items.filter { !$0.isTerminating }.compactMap(\.metadata.uid))
    }

    /// Waits until `condition` holds or the run finished; neither within `eventually`'s bound throws.
    private func waitFor(_ finished: Finished, _ condition: () async throws -> Bool) async throws {
        let held = try await eventually { () async throws -> Bool? in
            if finished.value { return true }
            return try await condition() ? true : nil
        }
        if held == nil { throw StalledControllers() }
    }
}

/// Set once the body of `advancing` has returned or thrown.
private final class Finished: Sendable {
    private let state = Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}
