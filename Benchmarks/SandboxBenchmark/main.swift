import Foundation
import KubeAPI
import KubeSandbox

// Sandbox scale: 50,000 pods across namespaces with the controllers running, then a paged LIST of 10,000 pods and
// a watch fan-out to 50 watchers, each against a baseline measured in the same run (one page; one watcher).
// Run alone: `swift run -c release sandbox-benchmark`.

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let total = 50_000
let namespaces = 5
let sandbox = try await Sandbox.start(SandboxOptions(watchBufferSize: 100_000))
let client = try KubernetesClient(config: sandbox.clusterConfig(namespace: "ns-0"), options: ClientOptions(qps: 0))
let pods = ResourceCatalog.pods
let load = try await seconds {
    for n in 0..<namespaces {
        _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-\(n)\n")
    }
    for index in 0..<total {
        let namespace = "ns-\(index % namespaces)"
        let pod: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Pod"),
            "metadata": .object([
                "name": .string("pod-\(index)"), "namespace": .string(namespace), "labels": .object(["app": .string("bulk")]),
            ]),
            "spec": .object(["containers": .array([.object(["name": .string("c"), "image": .string("nginx")])])]),
        ])
        _ = try await sandbox.store.create(pods, namespace: namespace, pod)
    }
}
print("loaded \(total) pods in \(namespaces) namespaces: \(String(format: "%.1f", load)) s")
// Wait for the scheduler and kubelet to settle every pod: sample CPU in 5-second windows until it is near idle.
var settled = 0.0
var usage = 100.0
while settled < 180 {
    let before = cpuSeconds()
    try await Task.sleep(for: .seconds(5))
    settled += 5
    usage = (cpuSeconds() - before) / 5 * 100
    if usage < 5 { break }
}
print("controllers settled after about \(Int(settled)) s; then idle CPU \(String(format: "%.1f", usage)) % of one core")

let onePage = try await seconds { _ = try await client.list(Pod.self, namespace: "ns-0", options: ListOptions(limit: 500)) }
var listed = 0
let paged = try await seconds {
    for try await _ in client.listAll(Pod.self, namespace: "ns-0", pageSize: 500).items { listed += 1 }
}
print(
    "paged LIST of \(listed) pods (limit 500): \(String(format: "%.3f", paged)) s; one page: \(String(format: "%.3f", onePage)) s; ratio \(String(format: "%.1f", paged / onePage)) for \(listed / 500) pages"
)

func fanOut(watchers: Int, events: Int, batch: Int) async throws -> Double {
    let start = try await client.list(Pod.self, namespace: "fan", options: ListOptions(limit: 1)).metadata.resourceVersion
    return try await seconds {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<watchers {
                group.addTask {
                    var seen = 0
                    for try await event in client.watch(
                        Pod.self, namespace: "fan",
                        options: WatchOptions(resourceVersion: start, allowWatchBookmarks: false, timeoutSeconds: 120))
                    {
                        if event.type == .added { seen += 1 }
                        if seen == events { break }
                    }
                    return seen
                }
            }
            for index in 0..<events {
                let pod: JSONValue = .object([
                    "apiVersion": .string("v1"), "kind": .string("Pod"),
                    "metadata": .object(["name": .string("fan-\(batch)-\(index)"), "namespace": .string("fan")]),
                    "spec": .object(["containers": .array([.object(["name": .string("c"), "image": .string("nginx")])])]),
                ])
                _ = try await sandbox.store.create(pods, namespace: "fan", pod)
            }
            for try await seen in group where seen != events { print("a watcher saw \(seen) of \(events)") }
        }
    }
}
_ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fan\n")
let single = try await fanOut(watchers: 1, events: 500, batch: 0)
let fifty = try await fanOut(watchers: 50, events: 500, batch: 1)
print(
    "watch fan-out of 500 ADDED events: 1 watcher \(String(format: "%.3f", single)) s; 50 watchers \(String(format: "%.3f", fifty)) s; ratio \(String(format: "%.1f", fifty / single))"
)
try await client.shutdown()
await sandbox.stop()
