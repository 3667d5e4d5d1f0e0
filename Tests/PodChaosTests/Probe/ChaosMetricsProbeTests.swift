import Foundation
import KubeTesting
import MetricsTestKit
import Testing

@testable import PodChaos

@Suite("Probe metrics: requests, latency, steady state and aborts, by probe and window")
struct ChaosMetricsProbeTests {
    @Test("A report's probe is counted per window and outcome, its latencies recorded, its steady state set where judged")
    func fromReport() throws {
        let metrics = TestMetrics()
        let section = try #require(try HTMLReportProbeTests.report().probes)
        ChaosMetrics(factory: metrics).probes(section)
        func requests(_ window: String, _ outcome: String) -> Int64 {
            metrics.counterTotal(
                label: "podchaosmonkey_probe_requests_total", dimensions: [("probe", "web"), ("window", window), ("outcome", outcome)])
        }
        #expect(requests("baseline", "success") == 4)
        #expect(requests("disruption", "success") == 4)
        #expect(requests("disruption", "failure") == 1)
        #expect(requests("after", "success") == 5)
        #expect(metrics.counters(label: "podchaosmonkey_probe_requests_total").count == 4, "no series for an outcome never seen")
        let latency = try metrics.expectTimer("podchaosmonkey_probe_latency_seconds", [("probe", "web"), ("window", "disruption")])
        #expect(latency.values == Array(repeating: 20_000_000, count: 5))
        #expect(try metrics.expectGauge("podchaosmonkey_probe_steady_state", [("probe", "web"), ("window", "baseline")]).lastValue == 1)
        #expect(try metrics.expectGauge("podchaosmonkey_probe_steady_state", [("probe", "web"), ("window", "after")]).lastValue == 1)
        #expect(metrics.counters(label: "podchaosmonkey_probe_aborts_total").isEmpty)
        let labels = metrics.counters(label: "podchaosmonkey_probe_requests_total").flatMap(\.dimensions)
        #expect(Set(labels.map(\.0)) == ["probe", "window", "outcome"], "the probe's name only, never its URL")
    }

    @Test("The engine records a run's probes once: an abort, the steady state before and after, every request counted")
    func fromEngine() async throws {
        let outcome = try await ChaosEngineProbeTests.run(kills: 2) { at in
            at > ChaosEngineProbeTests.seconds(2) ? ScriptedProbeTransport.unavailable : ScriptedProbeTransport.ok
        }
        let metrics = outcome.metrics
        let web = try #require(outcome.report.probes?.results.first)
        #expect(try metrics.expectCounter("podchaosmonkey_probe_aborts_total", [("probe", "web")]).totalValue == 1)
        #expect(try metrics.expectGauge("podchaosmonkey_probe_steady_state", [("probe", "web"), ("window", "baseline")]).lastValue == 1)
        #expect(try metrics.expectGauge("podchaosmonkey_probe_steady_state", [("probe", "web"), ("window", "after")]).lastValue == 0)
        for window in web.windows {
            let labels = [("probe", "web"), ("window", window.window.rawValue)]
            let failures = metrics.counterTotal(label: "podchaosmonkey_probe_requests_total", dimensions: labels + [("outcome", "failure")])
            let successes = metrics.counterTotal(
                label: "podchaosmonkey_probe_requests_total", dimensions: labels + [("outcome", "success")])
            #expect(failures == Int64(window.failures), "\(window.window)")
            #expect(successes + failures == Int64(window.requests), "\(window.window)")
            #expect(try metrics.expectTimer("podchaosmonkey_probe_latency_seconds", labels).values.count == window.requests)
        }
        #expect(web.windows.map(\.failures).reduce(0, +) > 0)
    }
}
