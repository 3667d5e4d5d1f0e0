import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle

@testable import PodChaosDaemon

/// One answer of the status server, as a scraper or a probe sees it.
struct StatusResponse {
    var status: Int
    var contentType: String?
    var body: String
}

/// Runs a real `StatusServer` in a `ServiceGroup`, as the daemon will, and talks to it over loopback.
struct StatusServerHarness {
    let address: ListenAddress

    static func run<T: Sendable>(_ server: StatusServer, _ body: @Sendable (StatusServerHarness) async throws -> T) async throws -> T {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [server], logger: Logger(label: "status-test")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let harness = StatusServerHarness(address: try await server.listeningAddress())
                let result = try await body(harness)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                tasks.cancelAll()
                throw error
            }
        }
    }

    func get(_ path: String, timeout: TimeAmount = .seconds(30)) async throws -> StatusResponse {
        try await send(HTTPClientRequest(url: "http://\(address)\(path)"), timeout: timeout)
    }

    func head(_ path: String) async throws -> StatusResponse {
        var request = HTTPClientRequest(url: "http://\(address)\(path)")
        request.method = .HEAD
        return try await send(request, timeout: .seconds(30))
    }

    /// Each request on a connection of its own: a pooled one may be the one the server is closing for idleness (the
    /// tests set a short idle timeout), and a request sent on it fails with `remoteConnectionClosed`.
    private func send(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> StatusResponse {
        var request = request
        request.headers.replaceOrAdd(name: "connection", value: "close")
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 4 << 20)
        return StatusResponse(
            status: Int(response.status.code), contentType: response.headers.first(name: "content-type"), body: String(buffer: body)
        )
    }
}
