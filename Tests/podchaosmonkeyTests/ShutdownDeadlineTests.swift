import KubeTesting
import Testing
import UnixSignals

@testable import podchaosmonkey

/// `run`'s hard stop: once asked to stop, a process still running `after` later takes the exit action (exit 5).
@Suite("ShutdownDeadline", .timeLimit(.minutes(1)))
struct ShutdownDeadlineTests {
    /// The deadline under test, with its clock and a record of its exit action.
    struct Harness {
        let clock = SteppingClock()
        let expiries: AsyncStream<Duration>
        let expired: AsyncStream<Duration>.Continuation
        let deadline: ShutdownDeadline
        let signals: AsyncStream<UnixSignal>
        let signal: AsyncStream<UnixSignal>.Continuation

        init(after: Duration) {
            let (expiries, expired) = AsyncStream<Duration>.makeStream()
            (signals, signal) = AsyncStream<UnixSignal>.makeStream()
            (self.expiries, self.expired) = (expiries, expired)
            deadline = ShutdownDeadline(after: after, clock: clock, expire: { expired.yield($0) })
        }
    }

    @Test("A body that ignores cancellation gets the exit action exactly at the deadline after the signal")
    func expiresAtDeadline() async throws {
        let harness = Harness(after: .seconds(35))
        let stuck = CancellationIgnoringGate()
        let (deadline, signals, clock) = (harness.deadline, harness.signals, harness.clock)
        let guarded = Task { try await deadline.guarding(signals: signals) { await stuck.wait() } }
        harness.signal.yield(.sigterm)
        await clock.sleeping()
        clock.advance(by: .seconds(35) - .nanoseconds(1))
        #expect(clock.sleeperCount == 1, "no exit before the deadline")
        clock.advance(by: .nanoseconds(1))
        var expiries = harness.expiries.makeAsyncIterator()
        #expect(await expiries.next() == .seconds(35))
        stuck.open()
        #expect(try await guarded.value == .sigterm)
    }

    @Test("A body that ends after the signal, before the deadline, disarms it: no exit action")
    func disarmedByReturn() async throws {
        let harness = Harness(after: .seconds(35))
        let finishing = CancellationIgnoringGate()
        let (deadline, signals, clock) = (harness.deadline, harness.signals, harness.clock)
        let guarded = Task { try await deadline.guarding(signals: signals) { await finishing.wait() } }
        harness.signal.yield(.sigint)
        await clock.sleeping()
        clock.advance(by: .seconds(34))
        finishing.open()
        #expect(try await guarded.value == .sigint)
        #expect(clock.sleeperCount == 0, "the deadline's sleep was cancelled")
        // The guard has returned, so its children are done: whatever they recorded is in the stream now.
        harness.expired.finish()
        var recorded: [Duration] = []
        for await expiry in harness.expiries { recorded.append(expiry) }
        #expect(recorded.isEmpty)
    }

    @Test("Without a signal the deadline is never armed, and the body's own end returns nil")
    func noSignal() async throws {
        let harness = Harness(after: .seconds(1))
        let result = try await harness.deadline.guarding(signals: harness.signals) {}
        #expect(result == nil)
        #expect(harness.clock.sleeperCount == 0)
    }

    @Test("The body's error is the guard's error")
    func bodyError() async throws {
        struct Failure: Error {}
        let harness = Harness(after: .seconds(1))
        await #expect(throws: Failure.self) { try await harness.deadline.guarding(signals: harness.signals) { throw Failure() } }
    }
}
