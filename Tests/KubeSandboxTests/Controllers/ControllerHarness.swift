import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import Testing

/// A store with nodes and some controllers running against it, with small kubelet delays, for tests that drive
/// one controller (or a few) in process.
struct ControllerHarness {
    static let fastTimings = PodLifecycleTimings(
        startDelay: .milliseconds(100), readyDelay: .milliseconds(100), terminationDelay: .milliseconds(100),
        initialBackOff: .milliseconds(100), maximumBackOff: .milliseconds(400))

    let store: ClusterStore
    let manager: ControllerManager

    static func start(
        _ controllers: [any Controller], nodes: [JSONValue] = (1...3).map { node("node-\($0)") }, clock: ControllerClock = .wall
    ) async throws -> ControllerHarness {
        let store = ClusterStore()
        for node in nodes { _ = try await store.create(Resources.nodes, namespace: nil, node, keepStatus: true) }
        await store.setNamespaceControllerRunning(true)
        let manager = try await ControllerManager.start(store: store, controllers: controllers, clock: clock)
        return ControllerHarness(store: store, manager: manager)
    }

    func stop() async { await manager.stop() }

    /// Waits until the controllers have set a timer (they have then written what they do before it) and answers how
    /// long from now it is due.
    func nextTimer(_ clock: SteppingClock) async -> Duration {
        let deadlines = await clock.sleeping { !$0.isEmpty }
        return clock.now.duration(to: deadlines[0])
    }

    /// Creates pod `name` and moves `clock` through its start and ready timers until the kubelet reports it Ready.
    func makeReady(_ name: String, clock: SteppingClock) async throws {
        _ = try await store.create(Resources.pods, namespace: "default", Objects.pod(name))
        try await clock.fireTimers { await get(Resources.pods, name)?.isReady == true }
    }

    /// A Ready node, with labels.
    static func node(_ name: String, labels: [String: String] = [:], ready: Bool = true) -> JSONValue {
        .object([
            "apiVersion": .string("v1"), "kind": .string("Node"),
            "metadata": .object(["name": .string(name), "labels": .object(labels.mapValues { .string($0) })]),
            "status": .object([
                "conditions": .array([.object(["type": .string("Ready"), "status": .string(ready ? "True" : "False")])]),
                "addresses": .array([.object(["type": .string("InternalIP"), "address": .string("172.18.0.9")])]),
            ]),
        ])
    }

    func pods(_ namespace: String = "default") async throws -> [JSONValue] {
        try await store.list(Resources.pods, filter: ObjectFilter(namespace: namespace)).items
    }

    func get(_ type: ResourceType, _ name: String, namespace: String? = "default") async -> JSONValue? {
        try? await store.get(type, namespace: namespace, name: name)
    }

    /// Watches pods in `default` from their current state until `body` answers false or `timeout` seconds pass,
    /// so a controller that never gets there fails the test instead of hanging it.
    func watchPods(timeout: Double = 10, _ body: (SandboxWatchEvent) -> Bool) async throws {
        let subscription = try await store.watch(Resources.pods, filter: ObjectFilter(namespace: "default"), from: .currentState)
        let store = store
        let deadline = Task {
            try? await Task.sleep(for: .seconds(timeout))
            await store.stopWatch(subscription.id)
        }
        for await event in subscription.events where !body(event) { break }
        deadline.cancel()
        await store.stopWatch(subscription.id)
    }
}

/// The resource types tests use.
enum Resources {
    static let pods = ResourceCatalog.pods
    static let namespaces = ResourceCatalog.namespaces
    static let nodes = type("nodes")
    static let services = type("services")
    static let events = type("events")
    static let deployments = type("deployments")
    static let replicaSets = type("replicasets")
    static let statefulSets = type("statefulsets")
    static let daemonSets = type("daemonsets")
    static let podDisruptionBudgets = type("poddisruptionbudgets")
    static let endpointSlices = type("endpointslices")

    private static func type(_ name: String) -> ResourceType {
        ResourceCatalog.find(name: name) ?? ResourceCatalog.pods
    }
}

/// Facts about stored objects the controller tests assert on.
extension JSONValue {
    var uid: String? { self[path: ["metadata", "uid"]]?.stringValue }
    var phase: String? { self[path: ["status", "phase"]]?.stringValue }
    var isTerminating: Bool { self[path: ["metadata", "deletionTimestamp"]] != nil }
    var nodeName: String? { self[path: ["spec", "nodeName"]]?.stringValue }

    func condition(_ type: String) -> JSONValue? {
        (self[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }
    }

    var isReady: Bool { condition("Ready")?["status"]?.stringValue == "True" }

    var firstContainerStatus: JSONValue? { self[path: ["status", "containerStatuses"]]?.arrayValue?.first }

    var waitingReason: String? { firstContainerStatus?[path: ["state", "waiting", "reason"]]?.stringValue }

    var restartCount: Int { firstContainerStatus?["restartCount"]?.intValue ?? 0 }

    func statusInt(_ field: String) -> Int { self[path: ["status", field]]?.intValue ?? 0 }
}

extension Duration {
    /// To the nearest millisecond: the kubelet computes its timers from dates, in binary fractions of a second.
    var roundedMilliseconds: Int64 { Int64((seconds * 1000).rounded()) }
}
