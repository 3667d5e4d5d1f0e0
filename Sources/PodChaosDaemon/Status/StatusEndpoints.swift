import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// What the status server answers on each path; the daemon supplies the live state as closures.
public struct StatusEndpoints: Sendable {
    public var registry: PrometheusCollectorRegistry
    /// Every check must pass for `/readyz` to answer 200.
    public var readiness: @Sendable () async -> [ReadinessCheck]
    /// The plan the next tick would carry out, already encoded as JSON.
    public var plan: @Sendable () async throws -> Data
    /// Checks that fail only when the process must be restarted, e.g. a tick loop that stopped ticking.
    public var liveness: @Sendable () async -> [ReadinessCheck]

    public init(
        registry: PrometheusCollectorRegistry,
        readiness: @escaping @Sendable () async -> [ReadinessCheck],
        plan: @escaping @Sendable () async throws -> Data,
        liveness: @escaping @Sendable () async -> [ReadinessCheck] = { [] }
    ) {
        self.registry = registry
        self.readiness = readiness
        self.plan = plan
        self.liveness = liveness
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { _, _ in metrics() }
        router.get("/healthz") { _, _ in await healthz() }
        router.head("/healthz") { _, _ in await healthz() }
        router.get("/readyz") { _, _ in await readyz() }
        router.head("/readyz") { _, _ in await readyz() }
        router.get("/plan") { _, context in await planResponse(logger: context.logger) }
        return router
    }

    func metrics() -> Response {
        response(.ok, contentType: PrometheusExport.contentType, body: registry.emitToBuffer())
    }

    func healthz() async -> Response {
        let report = HealthReport(endpoint: "healthz", checks: await liveness())
        // Probes only read the status; "ok" alone is what kube-apiserver answers when healthy.
        return text(report.passed ? "ok" : report.text, status: report.httpStatus)
    }

    func readyz() async -> Response {
        let report = HealthReport(endpoint: "readyz", checks: await readiness())
        return text(report.text, status: report.httpStatus)
    }

    func planResponse(logger: Logger) async -> Response {
        do {
            return response(.ok, contentType: "application/json", body: Array(try await plan()))
        } catch {
            // The plan reads the cluster; failing to is a temporary condition, not a server bug.
            logger.warning("cannot compute the plan for /plan", metadata: ["error": "\(error)"])
            let body = (try? JSONSerialization.data(withJSONObject: ["error": "\(error)"], options: [.sortedKeys])) ?? Data()
            return response(.serviceUnavailable, contentType: "application/json", body: Array(body))
        }
    }

    private func text(_ body: String, status: Int) -> Response {
        response(HTTPResponse.Status(code: status), contentType: "text/plain; charset=utf-8", body: Array(body.utf8))
    }

    private func response(_ status: HTTPResponse.Status, contentType: String, body: [UInt8]) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
