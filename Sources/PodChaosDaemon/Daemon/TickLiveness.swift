import KubeAPI
import Synchronization

/// Whether the tick loop makes progress, for `/healthz`: a tick that has run longer than `bound` fails the `tick-loop`
/// check, so the kubelet restarts a daemon whose loop is stuck. Read without the daemon, so it answers while a tick
/// holds the daemon busy. Time comes from the clock given, so a test drives it.
public final class TickLiveness: Sendable {
    public static let checkName = "tick-loop"

    private struct Running {
        var tick: Int
        /// Time since the tick started, read from the clock given at init.
        var elapsed: @Sendable () -> Duration
    }

    private let bound: Duration
    private let start: @Sendable () -> @Sendable () -> Duration
    private let running = Mutex<Running?>(nil)

    public init<C: Clock>(clock: C, bound: Duration) where C.Duration == Duration {
        self.bound = bound
        start = {
            let started = clock.now
            return { started.duration(to: clock.now) }
        }
    }

    func tickStarted(_ tick: Int) {
        let elapsed = start()
        running.withLock { $0 = Running(tick: tick, elapsed: elapsed) }
    }

    func tickFinished() {
        running.withLock { $0 = nil }
    }

    /// Passes between ticks and while the current one is younger than the bound.
    public func check() -> ReadinessCheck {
        guard let tick = running.withLock({ $0 }) else { return ReadinessCheck(name: Self.checkName, ok: true) }
        let elapsed = tick.elapsed()
        guard elapsed > bound else { return ReadinessCheck(name: Self.checkName, ok: true) }
        let (ran, limit) = (GoDuration.format(elapsed, precision: .readable), GoDuration.format(bound, precision: .readable))
        return ReadinessCheck(name: Self.checkName, ok: false, detail: "tick \(tick.tick) has run for \(ran), over --tick-timeout \(limit)")
    }
}
