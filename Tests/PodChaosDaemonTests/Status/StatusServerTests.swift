import Foundation
import KubeTesting
import Logging
import PodChaos
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing

@testable import PodChaosDaemon

@Suite(.dedicatedThreads) struct StatusServerTests {
    private static let loopback = StatusServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: 0))

    private static func server(
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        readiness: @escaping @Sendable () async -> [ReadinessCheck] = { [] },
        plan: @escaping @Sendable () async throws -> Data = { Data("{}".utf8) },
        liveness: @escaping @Sendable () async -> [ReadinessCheck] = { [] },
        configuration: StatusServerConfiguration = loopback
    ) -> StatusServer {
        StatusServer(
            configuration: configuration, registry: registry, readiness: readiness, plan: plan, liveness: liveness,
            logger: Logger(label: "status-test")
        )
    }

    @Test func metricsExposeDaemonAndEngineMetricsUnderTheirDocumentedNames() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusExport.makeFactory(registry: registry)
        let daemon = DaemonMetrics(factory: factory)
        let engine = ChaosMetrics(factory: factory)
        daemon.tick()
        daemon.skipped(.paused)
        daemon.skipped(.paused)
        daemon.skipped(.notLeader)
        daemon.buildInfo(version: "1.2.3", revision: "abc123")
        daemon.leader(true)
        daemon.nextKill(at: Date(timeIntervalSince1970: 1_800_000_000))
        engine.kill(namespace: "shop", ownerKind: "Deployment", mode: .evict, result: .killed)
        var recovery = RecoveryResult.notObserved(.neverReady)
        recovery.verdict = .recovered
        recovery.reason = nil
        recovery.phases.gone = 0.2
        recovery.phases.ready = 4.2
        engine.recovery(recovery, namespace: "shop", ownerKind: "Deployment")

        let response = try await StatusServerHarness.run(Self.server(registry: registry)) { try await $0.get("/metrics") }

        #expect(response.status == 200)
        #expect(response.contentType == "text/plain; version=0.0.4; charset=utf-8")
        let lines = response.body.split(separator: "\n").map(String.init)
        #expect(lines.contains("podchaosmonkey_ticks_total 1"))
        #expect(lines.contains(#"podchaosmonkey_skipped_ticks_total{reason="paused"} 2"#))
        #expect(lines.contains(#"podchaosmonkey_skipped_ticks_total{reason="not_leader"} 1"#))
        #expect(lines.contains(#"podchaosmonkey_kills_total{namespace="shop",owner_kind="Deployment",mode="evict",result="killed"} 1"#))
        #expect(lines.contains(#"podchaosmonkey_recoveries_total{namespace="shop",verdict="recovered",reason=""} 1"#))

        let samples = ExpositionSamples(response.body)
        #expect(samples[#"podchaosmonkey_build_info{version="1.2.3",revision="abc123"}"#] == 1)
        #expect(samples["podchaosmonkey_leader"] == 1)
        #expect(samples["podchaosmonkey_next_kill_timestamp_seconds"] == 1_800_000_000)
        #expect(samples.types["podchaosmonkey_recovery_seconds"] == "histogram")
        #expect(samples.types["podchaosmonkey_kills_total"] == "counter")
        #expect(samples.types["podchaosmonkey_leader"] == "gauge")

        let ready = #"namespace="shop",owner_kind="Deployment",phase="ready""#
        #expect(samples["podchaosmonkey_recovery_seconds_count{\(ready)}"] == 1)
        #expect(samples["podchaosmonkey_recovery_seconds_sum{\(ready)}"] == 4.2)
        // 4.2 s falls in the 5 s bucket, not the 2.5 s one; the buckets reach 600 s.
        #expect(samples["podchaosmonkey_recovery_seconds_bucket{\(ready),le=\"2.5\"}"] == 0)
        #expect(samples["podchaosmonkey_recovery_seconds_bucket{\(ready),le=\"5.0\"}"] == 1)
        #expect(samples["podchaosmonkey_recovery_seconds_bucket{\(ready),le=\"0.05\"}"] == 0)
        #expect(samples["podchaosmonkey_recovery_seconds_bucket{\(ready),le=\"600.0\"}"] == 1)
        #expect(samples["podchaosmonkey_recovery_seconds_bucket{\(ready),le=\"+Inf\"}"] == 1)
        let gone = #"namespace="shop",owner_kind="Deployment",phase="gone""#
        #expect(samples["podchaosmonkey_recovery_seconds_bucket{\(gone),le=\"0.25\"}"] == 1)
        #expect(samples["podchaosmonkey_recovery_seconds_bucket{\(gone),le=\"0.1\"}"] == 0)
        // Phases never reached are not recorded at all.
        #expect(!response.body.contains(#"phase="scheduled""#))
    }

    @Test func metricsFollowTheRegistryBetweenScrapes() async throws {
        let registry = PrometheusCollectorRegistry()
        let daemon = DaemonMetrics(factory: PrometheusExport.makeFactory(registry: registry))
        daemon.leader(true)
        let (before, after) = try await StatusServerHarness.run(Self.server(registry: registry)) { harness in
            let before = ExpositionSamples(try await harness.get("/metrics").body)
            daemon.leader(false)
            daemon.tick()
            return (before, ExpositionSamples(try await harness.get("/metrics").body))
        }
        #expect(before["podchaosmonkey_leader"] == 1)
        #expect(before["podchaosmonkey_ticks_total"] == nil)
        #expect(after["podchaosmonkey_leader"] == 0)
        #expect(after["podchaosmonkey_ticks_total"] == 1)
    }

    @Test func healthzAnswersOkWhileServing() async throws {
        let response = try await StatusServerHarness.run(Self.server()) { try await $0.get("/healthz") }
        #expect(response.status == 200)
        #expect(response.body == "ok")
    }

    @Test func healthzFailsWhenTheLivenessCheckReportsTheTickLoopStuck() async throws {
        let server = Self.server(liveness: { [ReadinessCheck(name: "tick-loop", ok: false, detail: "no tick for 5m0s")] })
        let response = try await StatusServerHarness.run(server) { try await $0.get("/healthz") }
        #expect(response.status == 503)
        #expect(response.body == "[-]tick-loop failed: no tick for 5m0s\nhealthz check failed\n")
    }

    @Test func headHealthzAndReadyzAnswerWithTheStatusAndNoBody() async throws {
        let server = Self.server(readiness: { [ReadinessCheck(name: "api", ok: false, detail: "down")] })
        let (health, ready) = try await StatusServerHarness.run(server) { harness in
            (try await harness.head("/healthz"), try await harness.head("/readyz"))
        }
        #expect(health.status == 200)
        #expect(health.body.isEmpty)
        #expect(ready.status == 503)
        #expect(ready.body.isEmpty)
    }

    /// A short idle timeout, so the test sees the server close connections without waiting long.
    private static let strict = StatusServerConfiguration(
        address: ListenAddress(host: "127.0.0.1", port: 0), idleTimeout: .milliseconds(300), maxConnections: 8)

    @Test func clientsThatStallHalfwayThroughTheHeaderAreClosedAndHealthzKeepsAnswering() async throws {
        let server = Self.server(configuration: Self.strict)
        try await StatusServerHarness.run(server) { harness in
            let slow = try (0..<6).map { _ in try RawConnection(port: harness.address.port) }
            for connection in slow { connection.send("GET /healthz HTTP/1.1\r\nHost: loc") }
            #expect(try await harness.get("/healthz").status == 200)
            // Each stalled client is cut off by the server, with no response to a request it never finished.
            for connection in slow { #expect(connection.readUntilClosed()?.hasPrefix("HTTP/1.1 200") == false) }
        }
    }

    @Test func idleConnectionsBeyondTheCapWaitTheirTurnAndAreClosed() async throws {
        let server = Self.server(configuration: Self.strict)
        try await StatusServerHarness.run(server) { harness in
            // Four times the cap, holding a connection each and sending nothing.
            let idle = try (0..<32).map { _ in try RawConnection(port: harness.address.port) }
            #expect(try await harness.get("/healthz").status == 200)
            for connection in idle { #expect(connection.readUntilClosed() == "") }
            #expect(try await harness.get("/healthz").status == 200)
        }
    }

    @Test func readyzPassesWhenEveryCheckPasses() async throws {
        let server = Self.server(readiness: {
            [ReadinessCheck(name: "informers-synced", ok: true), ReadinessCheck(name: "leader-election", ok: true)]
        })
        let response = try await StatusServerHarness.run(server) { try await $0.get("/readyz") }
        #expect(response.status == 200)
        #expect(response.contentType == "text/plain; charset=utf-8")
        #expect(response.body == "[+]informers-synced ok\n[+]leader-election ok\nreadyz check passed\n")
    }

    @Test func readyzFailsNamingTheFailingCheck() async throws {
        let server = Self.server(readiness: {
            [
                ReadinessCheck(name: "informers-synced", ok: true),
                ReadinessCheck(name: "api-server", ok: false, detail: "GET /api: connection refused"),
            ]
        })
        let response = try await StatusServerHarness.run(server) { try await $0.get("/readyz") }
        #expect(response.status == 503)
        #expect(response.body == "[+]informers-synced ok\n[-]api-server failed: GET /api: connection refused\nreadyz check failed\n")
    }

    @Test func readyzAsksTheClosureOnEveryRequest() async throws {
        let ready = Mutex(false)
        let server = Self.server(readiness: { [ReadinessCheck(name: "synced", ok: ready.withLock { $0 }, detail: "waiting")] })
        let (first, second) = try await StatusServerHarness.run(server) { harness in
            let first = try await harness.get("/readyz")
            ready.withLock { $0 = true }
            return (first, try await harness.get("/readyz"))
        }
        #expect(first.status == 503)
        #expect(second.status == 200)
    }

    @Test func planServesTheClosuresJSON() async throws {
        let json = Data(#"{"victims":[{"namespace":"shop","pod":"web-1"}],"eligible":3}"#.utf8)
        let response = try await StatusServerHarness.run(Self.server(plan: { json })) { try await $0.get("/plan") }
        #expect(response.status == 200)
        #expect(response.contentType == "application/json")
        #expect(Data(response.body.utf8) == json)
    }

    @Test func planAnswers503WithTheErrorWhenThePlanCannotBeComputed() async throws {
        struct ClusterUnreachable: Error, CustomStringConvertible {
            var description: String { "list pods: connection \"refused\"" }
        }
        let response = try await StatusServerHarness.run(Self.server(plan: { throw ClusterUnreachable() })) { try await $0.get("/plan") }
        #expect(response.status == 503)
        #expect(response.contentType == "application/json")
        let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: String]
        #expect(object == ["error": #"list pods: connection "refused""#])
    }

    @Test func unknownPathsAre404() async throws {
        let (unknown, nested) = try await StatusServerHarness.run(Self.server()) { harness in
            (try await harness.get("/nope"), try await harness.get("/metrics/extra"))
        }
        #expect(unknown.status == 404)
        #expect(nested.status == 404)
    }

    @Test func portZeroBindsAnEphemeralPortAndReportsIt() async throws {
        let address = try await StatusServerHarness.run(Self.server()) { $0.address }
        #expect(address.host == "127.0.0.1")
        #expect(address.port > 0)
    }

    @Test func aHostNameIsResolvedAndTheBoundAddressIsReachable() async throws {
        let server = Self.server(configuration: try StatusServerConfiguration(metricsAddress: "localhost:0"))
        let (address, response) = try await StatusServerHarness.run(server) { harness in
            (harness.address, try await harness.get("/healthz"))
        }
        #expect(address.host == "127.0.0.1" || address.host == "::1")
        #expect(response.status == 200)
    }

    @Test func aTakenPortIsATypedErrorNamingTheAddress() async throws {
        try await StatusServerHarness.run(Self.server()) { harness in
            let taken = StatusServerConfiguration(address: ListenAddress(host: "127.0.0.1", port: harness.address.port))
            let second = Self.server(configuration: taken)
            let error = await #expect(throws: StatusServerError.self) { try await second.run() }
            #expect(error?.isCannotListen == true)
            #expect(error?.description.contains("127.0.0.1:\(harness.address.port)") == true)
            // Whoever waits for the address learns of the failure too, instead of waiting forever.
            await #expect(throws: StatusServerError.self) { try await second.listeningAddress() }
        }
    }

    @Test func gracefulShutdownOfTheServiceGroupStopsTheServer() async throws {
        let server = Self.server()
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [server], logger: Logger(label: "status-test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let address = try await server.listeningAddress()
            #expect(try await StatusServerHarness(address: address).get("/healthz").status == 200)
            await group.triggerGracefulShutdown()
            // run() returns rather than hanging: the group finishes.
            try await tasks.waitForAll()
            // The client retries a refused connection until its deadline, so keep that short.
            await #expect(throws: (any Error).self) {
                try await StatusServerHarness(address: address).get("/healthz", timeout: .seconds(2))
            }
        }
    }
}
