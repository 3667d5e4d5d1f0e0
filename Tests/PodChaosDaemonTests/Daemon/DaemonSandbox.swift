import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Logging
import PodChaos
import Testing

@testable import PodChaosDaemon

/// A living sandbox (controllers and simulated kubelet on, fast timings) for the daemon: killed pods come back. It is
/// reached in-process (`withInProcessSandbox`): no port, no TLS, the same API semantics. With `controllerTime`, the
/// controllers live on that clock and pods move through their lifecycle only as the test advances it.
struct DaemonSandbox {
    static let timings = PodLifecycleTimings(
        startDelay: .milliseconds(200), readyDelay: .milliseconds(200), terminationDelay: .milliseconds(100),
        initialBackOff: .milliseconds(200))

    let sandbox: Sandbox
    let client: KubernetesClient
    let controllerTime: SteppingClock?

    /// Runs `body` against a fresh sandbox with a `demo` namespace, and always stops it. With `rbac`, the sandbox
    /// authorizes every request with RBAC; `client` is an administrator's. `faultClock` is what latency faults wait on.
    static func with<T>(
        timings: PodLifecycleTimings = timings, controllerTime: SteppingClock? = nil, clientOptions: ClientOptions = ClientOptions(qps: 0),
        rbac: Bool = false, faultClock: any Clock<Duration> = ContinuousClock(), _ body: (DaemonSandbox) async throws -> T
    ) async throws -> T {
        var options = SandboxOptions(podTimings: timings, rbac: rbac)
        options.faultClock = faultClock
        if let controllerTime { options.controllerClock = controllerTime.controllerClock }
        return try await withInProcessSandbox(options, namespace: "demo", clientOptions: clientOptions) { sandbox, client in
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            return try await body(DaemonSandbox(sandbox: sandbox, client: client, controllerTime: controllerTime))
        }
    }

    /// A Deployment, waited for until every replica is ready (unless its pods are meant never to be).
    func deployment(
        _ name: String, namespace: String = "demo", replicas: Int, annotations: [String: String] = [:],
        podAnnotations: [String: String] = [:], waitReady: Bool = true
    ) async throws {
        func inline(_ values: [String: String]) -> String {
            "{" + values.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ") + "}"
        }
        _ = try await sandbox.load(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: \(namespace)
              annotations: \(inline(annotations))
            spec:
              replicas: \(replicas)
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}, annotations: \(inline(podAnnotations))}
                spec: {containers: [{name: app, image: nginx}]}
            """)
        let allReady = { try await client.get(Deployment.self, namespace: namespace, name: name).status?.readyReplicas == replicas }
        if waitReady, let controllerTime {
            try await controllerTime.fireTimers(until: allReady)
        } else if waitReady {
            let ready = try await eventuallyHolds(allReady)
            #expect(ready, "\(namespace)/\(name) has \(replicas) ready replicas")
        } else {
            let created = try await eventuallyHolds { try await client.list(Pod.self, namespace: namespace).items.count >= replicas }
            #expect(created, "\(namespace)/\(name) has \(replicas) pods")
        }
    }

    func namespace(_ name: String) async throws {
        _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(name)\n")
    }

    /// Sets (or, with nil, removes) the pause annotation.
    func pauseNamespace(_ name: String, _ paused: Bool?) async throws {
        _ = try await client.patch(Namespace.self, name: name, patch: .merge(Self.pausePatch(paused)))
    }

    func pauseDeployment(_ namespace: String, _ name: String, _ paused: Bool?) async throws {
        _ = try await client.patch(Deployment.self, namespace: namespace, name: name, patch: .merge(Self.pausePatch(paused)))
    }

    private static func pausePatch(_ paused: Bool?) -> Data {
        let value = paused.map { "\"\($0)\"" } ?? "null"
        return Data(#"{"metadata":{"annotations":{"podchaosmonkey.io/paused":\#(value)}}}"#.utf8)
    }

    func podUIDs(_ namespace: String = "demo", app: String) async throws -> Set<String> {
        let pods = try await client.list(Pod.self, namespace: namespace, options: ListOptions(labelSelector: "app=\(app)")).items
        return Set(pods.filter { !$0.isTerminating }.compactMap(\.metadata.uid))
    }

    /// A daemon over `demo` with kill-at-every-tick owners (MTBF 0 by default) and fast recovery timeouts. With `probes`
    /// (`--probe` values), each kill runs them through `probeTransport` with 2s windows on `engineTime`, and does not wait
    /// for recovery, so the after window follows the kill.
    func daemon(
        leadership: any Leadership, notifier: any KillNotifier = RecordingNotifier(), clock: any DaemonClock = VirtualClock(),
        budget: KillBudget = KillBudget(minTimeBetweenKillsPerOwner: .zero), maxUnready: Int = 0, defaultMTBF: Duration? = .zero,
        window: any ActivityWindow = Always(), selfDeployment: DeploymentRef? = nil, selfIdentity: SelfIdentity = .none,
        once: Bool = false, maxRuntime: Duration? = nil, shutdownTimeout: Duration = .seconds(5),
        recoveryTimeout: Duration = .seconds(20), seed: UInt64 = 42,
        schedule: any TickSchedule = EveryInterval(seconds: 300), metrics: DaemonMetrics = DaemonMetrics(),
        liveness: TickLiveness? = nil, probes: [String] = [], probeTransport: (any ProbeTransport)? = nil,
        engineTime: EngineTime = EngineTime(), logger: Logger = Logger(label: "podchaosmonkey.daemon")
    ) -> ChaosDaemon {
        var kill = KillOptions(
            criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["demo"]), selfIdentity: selfIdentity), seed: seed,
            mode: .delete, recovery: RecoveryOptions(wait: probes.isEmpty, timeout: recoveryTimeout))
        kill.maxKills = 1
        if !probes.isEmpty {
            // Parsed as the CLI parses them; a bad value is the test's mistake.
            kill.probes = (try? ProbeSpecParser.parse(probes)) ?? []
            kill.probeWindows = ProbeWindowLengths(baseline: .seconds(2), after: .seconds(2))
        }
        let options = DaemonOptions(
            kill: kill, budget: budget, mtbf: MTBFRule(defaultMTBF: defaultMTBF), maxUnready: maxUnready, once: once,
            maxRuntime: maxRuntime, shutdownTimeout: shutdownTimeout, selfDeployment: selfDeployment)
        return ChaosDaemon(
            client: client, options: options, schedule: schedule, window: window, leadership: leadership, notifier: notifier,
            metrics: metrics, clock: clock, liveness: liveness, probeTransport: probeTransport, engineTime: engineTime, version: "test",
            logger: logger)
    }
}
