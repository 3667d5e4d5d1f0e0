import CoreMetrics
import Foundation

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
}
