import Foundation
import KubeAPI
import KubeTesting
import PodChaos
import PodChaosDaemon
import Synchronization

/// Leadership a test toggles; records what is persisted and whether `run` saw its cancellation.
final class ToggledLeadership: Leadership {
    private struct State {
        var leading: Bool
        var stored: String?
        var allStored: [String] = []
        var persists = 0
        var running = false
        var released = false
    }

    private let state: Mutex<State>

    init(leading: Bool = true, stored: String? = nil) {
        state = Mutex(State(leading: leading, stored: stored))
    }

    func setLeading(_ leading: Bool) { state.withLock { $0.leading = leading } }
    var stored: String? { state.withLock { $0.stored } }
    var persists: Int { state.withLock { $0.persists } }
    /// Every state persisted, in order.
    var allStored: [String] { state.withLock { $0.allStored } }
    var running: Bool { state.withLock { $0.running } }
    var released: Bool { state.withLock { $0.released } }

    func isLeading() async -> Bool { state.withLock { $0.leading } }
    func isKnown() async -> Bool { true }
    func untilKnown() async {}
    func holder() async -> String? { "test" }
    func persistedState() async -> String? { state.withLock { $0.stored } }

    func persist(_ value: String) async throws {
        try state.withLock { state in
            guard state.leading else { throw NotLeading() }
            state.stored = value
            state.allStored.append(value)
            state.persists += 1
        }
    }

    func run() async throws {
        state.withLock { $0.running = true }
        await untilCancelled()
        state.withLock { $0.released = true }
    }

    struct NotLeading: Error {}
}

/// Collects what the daemon tells its notifier.
final class RecordingNotifier: KillNotifier {
    private let state = Mutex<(killed: [KillReport.Kill], recovered: [KillReport.Kill], interrupted: [KillReport.Kill])>(([], [], []))

    var killed: [KillReport.Kill] { state.withLock { $0.killed } }
    var recovered: [KillReport.Kill] { state.withLock { $0.recovered } }
    var interrupted: [KillReport.Kill] { state.withLock { $0.interrupted } }

    func killed(_ kill: KillReport.Kill) { state.withLock { $0.killed.append(kill) } }
    func recovered(_ kill: KillReport.Kill) { state.withLock { $0.recovered.append(kill) } }
    func interrupted(_ kill: KillReport.Kill) { state.withLock { $0.interrupted.append(kill) } }
}

/// Leadership whose `isLeading()` never answers until cancelled: a tick stuck on the API server.
final class StuckLeadership: Leadership {
    private let entered = Mutex(0)

    /// How many ticks got stuck so far.
    var stuckTicks: Int { entered.withLock { $0 } }

    func isLeading() async -> Bool {
        entered.withLock { $0 += 1 }
        await untilCancelled()
        return false
    }
    func isKnown() async -> Bool { true }
    func untilKnown() async {}
    func holder() async -> String? { nil }
    func persistedState() async -> String? { nil }
    func persist(_ value: String) async throws {}
    func run() async throws {
        await untilCancelled()
    }
}

/// The leader, whose persisted history never arrives until the reading task is cancelled: a tick stuck on a slow API
/// server after it has started deciding.
final class StalledHistoryLeadership: Leadership {
    private let reads = Mutex(0)

    /// How many reads of the persisted history got stuck so far.
    var stalledReads: Int { reads.withLock { $0 } }

    func isLeading() async -> Bool { true }
    func isKnown() async -> Bool { true }
    func untilKnown() async {}
    func holder() async -> String? { "test" }
    func persistedState() async -> String? {
        reads.withLock { $0 += 1 }
        await untilCancelled()
        return nil
    }
    func persist(_ value: String) async throws {}
    func run() async throws {
        await untilCancelled()
    }
}

/// Suspends, without polling or sleeping, until the calling task is cancelled.
func untilCancelled() async {
    let (stream, continuation) = AsyncStream<Never>.makeStream()
    for await _ in stream {}
    continuation.finish()  // keeps the stream open until then: a stream whose continuation is gone ends at once
}

/// Time that jumps to each deadline as soon as the daemon sleeps: an hour of ticks passes as fast as the ticks run,
/// with no wall-clock wait. For a test that moves time itself and asserts when each sleep ends, use
/// `SteppedDaemonClock`.
final class VirtualClock: DaemonClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_764_000_000)) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func sleep(until deadline: Date) async throws {
        // Lets the tasks beside the ticks (kills, watches) run before time moves on.
        await Task.yield()
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
    }
}

/// Always active, for daemon tests.
struct Always: ActivityWindow {
    func isActive(at date: Date) -> Bool { true }
    func activeDuration(in interval: DateInterval) -> TimeInterval { interval.duration }
}

/// Never active.
struct NeverActive: ActivityWindow {
    func isActive(at date: Date) -> Bool { false }
    func activeDuration(in interval: DateInterval) -> TimeInterval { 0 }
}

/// The daemon's clock on a `SteppingClock`: time moves only when the test advances it.
final class SteppedDaemonClock: DaemonClock {
    let time: SteppingClock
    private let origin: SteppingClock.Instant
    private let start: Date

    init(_ time: SteppingClock, start: Date = Date(timeIntervalSince1970: 1_764_000_000)) {
        self.time = time
        self.origin = time.now
        self.start = start
    }

    func now() -> Date { start.addingTimeInterval(origin.duration(to: time.now).seconds) }

    func sleep(until deadline: Date) async throws {
        try await time.sleep(until: origin.advanced(by: .seconds(deadline.timeIntervalSince(start))), tolerance: nil)
    }
}

/// Leadership that becomes known, not leading, once `time` has moved on by `knownAfter`: a Lease that took that long
/// to read.
final class LateLeadership: Leadership {
    private let time: SteppingClock
    private let knownAt: SteppingClock.Instant

    init(_ time: SteppingClock, knownAfter: Duration) {
        self.time = time
        self.knownAt = time.now.advanced(by: knownAfter)
    }

    func isLeading() async -> Bool { false }
    func isKnown() async -> Bool { time.now >= knownAt }
    func untilKnown() async { try? await time.sleep(until: knownAt, tolerance: nil) }
    func holder() async -> String? { nil }
    func persistedState() async -> String? { nil }
    func persist(_ value: String) async throws {}
    func run() async throws {
        await untilCancelled()
    }
}
