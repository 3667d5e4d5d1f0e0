import CoreMetrics
import Foundation

/// The daemon's own metrics (docs/metrics.md), beside the engine's `ChaosMetrics`; exported by the status server.
public struct DaemonMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// `podchaosmonkey_ticks_total`.
    public func tick() {
        Counter(label: "podchaosmonkey_ticks_total", factory: factory).increment()
    }

    /// `podchaosmonkey_skipped_ticks_total{reason}`.
    public func skipped(_ reason: SkipReason) {
        Counter(label: "podchaosmonkey_skipped_ticks_total", dimensions: [("reason", reason.rawValue)], factory: factory)
            .increment()
    }

    /// `podchaosmonkey_next_kill_timestamp_seconds`: the next tick that may kill, 0 when none is scheduled.
    public func nextKill(at date: Date?) {
        Gauge(label: "podchaosmonkey_next_kill_timestamp_seconds", factory: factory)
            .record(date?.timeIntervalSince1970 ?? 0)
    }

    /// `podchaosmonkey_impact_cooldown_owners`: owners held after a kill that hurt their users, until cleared.
    public func impactCooldownOwners(_ count: Int) {
        Gauge(label: "podchaosmonkey_impact_cooldown_owners", factory: factory).record(count)
    }

    /// `podchaosmonkey_leader`: 1 while this instance leads.
    public func leader(_ leading: Bool) {
        Gauge(label: "podchaosmonkey_leader", factory: factory).record(leading ? 1 : 0)
    }

    /// `podchaosmonkey_build_info{version,revision}`, always 1.
    public func buildInfo(version: String, revision: String) {
        Gauge(label: "podchaosmonkey_build_info", dimensions: [("version", version), ("revision", revision)], factory: factory)
            .record(1)
    }
}
