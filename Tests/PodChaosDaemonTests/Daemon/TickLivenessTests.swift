import KubeTesting
import Testing

@testable import PodChaosDaemon

@Suite("Tick liveness on a stepping clock")
struct TickLivenessTests {
    @Test("Passes between ticks and within the bound; fails in one line once a tick runs past it")
    func bound() {
        let clock = SteppingClock()
        let liveness = TickLiveness(clock: clock, bound: .seconds(300))
        #expect(liveness.check() == ReadinessCheck(name: "tick-loop", ok: true))
        clock.advance(by: .seconds(3600))
        #expect(liveness.check().ok, "no tick running: idle between ticks is alive")

        liveness.tickStarted(7)
        clock.advance(by: .seconds(300))
        #expect(liveness.check().ok)
        clock.advance(by: .seconds(1))
        #expect(liveness.check() == ReadinessCheck(name: "tick-loop", ok: false, detail: "tick 7 has run for 5m1s, over --tick-timeout 5m"))

        liveness.tickFinished()
        #expect(liveness.check().ok)
        liveness.tickStarted(8)
        #expect(liveness.check().ok, "the next tick's time starts afresh")
    }
}
