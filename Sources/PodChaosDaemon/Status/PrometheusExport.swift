import Prometheus

/// Wires swift-metrics to a Prometheus registry so `ChaosMetrics` and `DaemonMetrics` appear on `/metrics`
/// under exactly the names and labels docs/metrics.md documents.
public enum PrometheusExport {
    /// The Prometheus text exposition format, version 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Buckets of `podchaosmonkey_recovery_seconds`: a pod can be gone in tens of milliseconds, while an owner
    /// pulling an image or waiting for a node may take minutes; the recovery timeout is at most a few minutes.
    public static let recoveryBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10), .seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
    ]

    /// A factory over `registry`. Pass it to `ChaosMetrics(factory:)`, `DaemonMetrics(factory:)` and the API client's
    /// options, or bootstrap `MetricsSystem` with it in the executable; library code never bootstraps.
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = ["podchaosmonkey_recovery_seconds": recoveryBuckets]
        return factory
    }
}
