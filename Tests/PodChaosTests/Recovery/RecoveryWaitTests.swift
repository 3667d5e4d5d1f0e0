import Foundation
import KubeAPI
import KubeTesting
import Testing

@testable import PodChaos

/// `RecoveryObserver.results` waits for what can end it, on virtual time: a missed event leaves it waiting on a clock
/// that never moves, and the time limit fails the test.
@Suite("The recovery wait, woken by events on virtual time", .timeLimit(.minutes(1)))
struct RecoveryWaitTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let timeout = Duration.seconds(300)
    static let owner = Workload(kind: "ReplicaSet", name: "web-rs", namespace: "demo", uid: "rs-uid", desiredReplicas: 3, readyReplicas: 3)
    static let killID = KillID(rawValue: "k1")

    /// An observer fed by `watches`, on `time`, tracking one kill of a ReplicaSet's pod requested at `start`.
    static func withObserver(
        _ body: (RecoveryObserver, ScriptedWatches, SteppingClock) async throws -> Void
    ) async throws {
        let time = SteppingClock()
        let watches = ScriptedWatches()
        try await UnreachableCluster.with { client in
            let observer = RecoveryObserver(
                client: client, clock: { start.addingTimeInterval(time.now.offset.seconds) }, timer: time, shared: watches)
            #expect(await observer.watch(namespace: "demo"))
            let victim = RecoveryTrackerTests.pod("web-a", uid: "victim", phase: .running, ready: true)
            _ = await observer.expect(killID: killID, victim: victim, owner: owner, slo: nil)
            try await body(observer, watches, time)
            await observer.stop()
            watches.finish()
        }
    }

    @Test("A replacement turning Ready ends the wait at once, long before the timeout", .timeLimit(.minutes(1)))
    func recoveredOnEvent() async throws {
        try await Self.withObserver { observer, watches, time in
            async let results = observer.results(timeout: Self.timeout)
            await time.sleeping()
            watches.send(.added(RecoveryTrackerTests.pod("web-b", uid: "new", phase: .running, ready: true)))
            let result = try #require(await results[Self.killID])
            #expect(result.verdict == .recovered)
            #expect(time.now.offset == .zero)
        }
    }

    @Test("Without recovery the wait ends when the clock reaches the timeout: timed out", .timeLimit(.minutes(1)))
    func timesOut() async throws {
        try await Self.withObserver { observer, _, time in
            async let results = observer.results(timeout: Self.timeout)
            await time.sleeping()
            time.advance(by: Self.timeout)
            let result = try #require(await results[Self.killID])
            #expect(result.verdict == .timeout)
            #expect(result.reason == .victimNotGone)
        }
    }

    @Test("An interruption ends the wait: the kill still within its timeout is interrupted", .timeLimit(.minutes(1)))
    func interrupted() async throws {
        try await Self.withObserver { observer, _, time in
            let interruption = Interruption()
            async let results = observer.results(timeout: Self.timeout, interruption: interruption)
            await time.sleeping()
            interruption.raise(.init(name: "SIGINT", signal: SIGINT))
            let result = try #require(await results[Self.killID])
            #expect(result.verdict == .interrupted)
        }
    }

    @Test("A watch the API refuses ends the wait and is kept as the refusal", .timeLimit(.minutes(1)))
    func refused() async throws {
        try await Self.withObserver { observer, watches, time in
            async let results = observer.results(timeout: Self.timeout)
            await time.sleeping()
            watches.fail(
                KubeAPIError.fromResponse(
                    httpStatus: 403, status: Status(message: "pods is forbidden", reason: "Forbidden", code: 403), body: nil,
                    context: RequestContext(verb: "watch", resource: "pods", namespace: "demo")))
            let result = try #require(await results[Self.killID])
            #expect(result.verdict != .recovered)
            #expect(await observer.refusal?.isForbidden == true)
        }
    }

    @Test("Cancelling the waiting task ends the wait", .timeLimit(.minutes(1)))
    func cancelled() async throws {
        try await Self.withObserver { observer, _, time in
            await withTaskGroup(of: [KillID: RecoveryResult].self) { group in
                group.addTask { await observer.results(timeout: Self.timeout) }
                await time.sleeping()
                group.cancelAll()
                #expect(await group.next()?[Self.killID]?.verdict != .recovered)
            }
        }
    }
}
