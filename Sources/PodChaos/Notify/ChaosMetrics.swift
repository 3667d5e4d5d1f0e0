import CoreMetrics
import Foundation
import KubeAPI

/// The metrics docs/metrics.md documents, recorded through swift-metrics: the daemon exports them to Prometheus;
/// any program embedding PodChaos can bootstrap its own backend, and tests pass their own factory.
public struct ChaosMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// `podchaosmonkey_kills_total{namespace,owner_kind,mode,result}`.
    public func kill(namespace: String, ownerKind: String?, mode: KillMode, result: KillReport.Result) {
        Counter(
            label: "podchaosmonkey_kills_total",
            dimensions: [
                ("namespace", namespace), ("owner_kind", ownerKind ?? "none"), ("mode", mode.rawValue), ("result", result.rawValue),
            ],
            factory: factory
        ).increment()
    }

    /// `podchaosmonkey_recovery_seconds{namespace,owner_kind,phase}` for every phase reached, and
    /// `podchaosmonkey_recoveries_total{namespace,verdict,reason}`.
    public func recovery(_ result: RecoveryResult, namespace: String, ownerKind: String) {
        let phases: [(String, Double?)] = [
            ("terminating", result.phases.terminating), ("gone", result.phases.gone),
            ("replacementCreated", result.phases.replacementCreated),
            ("scheduled", result.phases.scheduled), ("running", result.phases.running), ("ready", result.phases.ready),
            ("ownerAvailable", result.phases.ownerAvailable), ("endpointsReady", result.phases.endpointsReady),
        ]
        for (phase, seconds) in phases {
            guard let seconds else { continue }
            Timer(
                label: "podchaosmonkey_recovery_seconds",
                dimensions: [("namespace", namespace), ("owner_kind", ownerKind), ("phase", phase)],
                preferredDisplayUnit: .seconds, factory: factory
            ).recordNanoseconds(Int64((seconds * 1e9).rounded()))
        }
        Counter(
            label: "podchaosmonkey_recoveries_total",
            dimensions: [("namespace", namespace), ("verdict", result.verdict.rawValue), ("reason", result.reason?.rawValue ?? "")],
            factory: factory
        ).increment()
    }

    /// A run's probes, once the run is over, labelled by probe name only: `podchaosmonkey_probe_requests_total` and
    /// `podchaosmonkey_probe_latency_seconds` per window, `podchaosmonkey_probe_steady_state` (1 held, 0 not met) for
    /// each window judged, and `podchaosmonkey_probe_aborts_total` for the probe whose abort criterion stopped the kills.
    public func probes(_ section: ProbesReport) {
        for probe in section.results {
            for window in probe.windows { probeWindow(probe, window) }
            for (window, judgement) in [(ProbeWindow.baseline, probe.before), (.after, probe.after)] {
                guard let judgement else { continue }
                Gauge(
                    label: "podchaosmonkey_probe_steady_state", dimensions: [("probe", probe.name), ("window", window.rawValue)],
                    factory: factory
                ).record(judgement.held ? 1 : 0)
            }
            if section.aborted?.probe == probe.name {
                Counter(label: "podchaosmonkey_probe_aborts_total", dimensions: [("probe", probe.name)], factory: factory).increment()
            }
        }
    }

    /// `podchaosmonkey_probe_requests_total{probe,window,outcome}` and `podchaosmonkey_probe_latency_seconds{probe,window}`.
    private func probeWindow(_ probe: ProbeReport, _ window: ProbeWindowSummary) {
        let dimensions = [("probe", probe.name), ("window", window.window.rawValue)]
        for (outcome, requests) in [("success", window.requests - window.failures), ("failure", window.failures)] where requests > 0 {
            Counter(label: "podchaosmonkey_probe_requests_total", dimensions: dimensions + [("outcome", outcome)], factory: factory)
                .increment(by: requests)
        }
        let latency = Timer(
            label: "podchaosmonkey_probe_latency_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory)
        for sample in probe.samples where window.contains(sample.sentAt) {
            latency.recordNanoseconds(Int64((sample.latency.seconds * 1e9).rounded()))
        }
    }
}
