import Foundation
import KubeAPI
import KubeSandbox
import PodChaos

// Recovery-observation accuracy: kill pods of a Deployment in a sandbox whose kubelet delays are known, and compare
// each measured phase with the delay the sandbox was told to use (the baseline, in the same run).
// Run alone, in release mode: `swift run -c release recovery-benchmark [kills]`.

let kills = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20
let timings = PodLifecycleTimings(startDelay: .milliseconds(400), readyDelay: .milliseconds(300), terminationDelay: .milliseconds(200))
let expected: [(String, KeyPath<RecoveryPhases, Double?>, Double)] = [
    ("gone", \.gone, 0.2), ("running", \.running, 0.4), ("ready", \.ready, 0.7), ("ownerAvailable", \.ownerAvailable, 0.7),
]

let sandbox = try await Sandbox.start(SandboxOptions(podTimings: timings))
let client = try KubernetesClient(config: sandbox.clusterConfig(namespace: "bench"), options: ClientOptions(qps: 0))
_ = try await sandbox.load(
    """
    apiVersion: v1
    kind: Namespace
    metadata: {name: bench}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: bench}
    spec:
      replicas: 3
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: app, image: nginx}]}
    """)

func waitReady() async throws {
    while (try? await client.get(Deployment.self, name: "web").status?.readyReplicas) != 3 { try await Task.sleep(for: .milliseconds(50)) }
}

var errors: [String: [Double]] = [:]
let engine = ChaosEngine(client: client, version: "benchmark")
for index in 0..<kills {
    try await waitReady()
    let options = KillOptions(
        criteria: SelectionCriteria(namespaces: NamespaceScope(included: ["bench"])), seed: UInt64(index), mode: .delete,
        recovery: RecoveryOptions(timeout: .seconds(30)))
    let report = try await engine.kill(options)
    guard let phases = report.kills.first?.recovery?.phases else { continue }
    for (name, path, nominal) in expected {
        if let measured = phases[keyPath: path] { errors[name, default: []].append(measured - nominal) }
    }
}

print("recovery-benchmark: \(kills) kills; measured phase minus the sandbox's nominal delay (baseline), in milliseconds")
print("phase            mean     p95      max      measured/nominal")
for (name, _, nominal) in expected {
    let values = (errors[name] ?? []).sorted()
    guard !values.isEmpty else { continue }
    let mean = values.reduce(0, +) / Double(values.count)
    let p95 = values[min(values.count - 1, Int(Double(values.count) * 0.95))]
    let line = [
        name.padding(toLength: 16, withPad: " ", startingAt: 0), String(format: "%-8.1f", mean * 1000),
        String(format: "%-8.1f", p95 * 1000), String(format: "%-8.1f", (values.last ?? 0) * 1000),
        String(format: "%.3f", (nominal + mean) / nominal),
    ]
    print(line.joined(separator: " "))
}
try await client.shutdown()
await sandbox.stop()
