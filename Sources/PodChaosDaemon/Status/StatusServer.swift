import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// The daemon's HTTP face: `/metrics`, `/healthz`, `/readyz` and `/plan` (docs/metrics.md).
///
/// A swift-service-lifecycle `Service`: add it to the daemon's `ServiceGroup`; graceful shutdown of the group stops it.
/// Run each value once; copies share the listening state, so a copy can wait for the bound address.
public struct StatusServer: Service, CustomStringConvertible {
    public let configuration: StatusServerConfiguration
    public let endpoints: StatusEndpoints
    let logger: Logger
    private let listening = ListeningSignal()

    public init(
        configuration: StatusServerConfiguration, endpoints: StatusEndpoints, logger: Logger = Logger(label: "podchaosmonkey.status")
    ) {
        self.configuration = configuration
        self.endpoints = endpoints
        self.logger = logger
    }

    public init(
        configuration: StatusServerConfiguration,
        registry: PrometheusCollectorRegistry,
        readiness: @escaping @Sendable () async -> [ReadinessCheck],
        plan: @escaping @Sendable () async throws -> Data,
        liveness: @escaping @Sendable () async -> [ReadinessCheck] = { [] },
        logger: Logger = Logger(label: "podchaosmonkey.status")
    ) {
        self.init(
            configuration: configuration,
            endpoints: StatusEndpoints(registry: registry, readiness: readiness, plan: plan, liveness: liveness),
            logger: logger
        )
    }

    public var description: String { "StatusServer(\(configuration.address))" }

    /// Serves until the task is cancelled or the service group shuts down gracefully.
    /// Throws `StatusServerError` when the address cannot be bound.
    public func run() async throws {
        let address = configuration.address
        let listening = self.listening
        let logger = self.logger
        let application = Application(
            router: endpoints.router(),
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: ApplicationConfiguration(
                address: .hostname(address.bindHost, port: address.port), serverName: configuration.serverName,
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)
            ),
            onServerRunning: { channel in
                let bound = ListenAddress(
                    host: channel.localAddress?.ipAddress ?? address.bindHost, port: channel.localAddress?.port ?? address.port)
                logger.notice("status server listening", metadata: ["address": "\(bound)"])
                listening.resolve(.success(bound))
            },
            logger: logger
        )
        do {
            try await application.run()
        } catch {
            guard listening.isResolved else {
                if Task.isCancelled {
                    listening.resolve(.failure(.stopped(address)))
                    throw error
                }
                let failure = StatusServerError.cannotListen(address, error: error)
                listening.resolve(.failure(failure))
                throw failure
            }
            throw error
        }
        listening.resolve(.failure(.stopped(address)))
    }

    /// Where the server listens once it does, e.g. to learn the port the kernel picked for port 0.
    /// Throws if the server fails to bind or stops first; waits while `run()` has not been called.
    public func listeningAddress() async throws(StatusServerError) -> ListenAddress {
        try await listening.wait()
    }
}
