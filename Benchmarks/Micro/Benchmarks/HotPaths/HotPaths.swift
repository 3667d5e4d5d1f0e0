import Benchmark
import Foundation
import KubeAPI
import PodChaos

/// The hot paths of one kill, in process: decoding one page of a pod LIST, and choosing a victim among 10,000
/// candidates. The pods are copies of a real kube-apiserver v1.36 Pod (the KubeAPI tests' fixture, managed fields
/// and all), renamed, so a page weighs what a real page weighs.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 1_000)

    let page = HotPathInput.podListPage(pods: HotPathInput.pageSize, offset: 0)
    Benchmark("Decode a \(HotPathInput.pageSize)-pod list page (\(page.count / 1024) KiB)") { benchmark in
        let decoder = KubeJSON.decoder()
        for _ in benchmark.scaledIterations {
            blackHole(try decoder.decode(ObjectList<Pod>.self, from: page))
        }
    }

    let candidates = HotPathInput.candidates(count: HotPathInput.selectionSize, owners: HotPathInput.selectionOwners)
    Benchmark("Select and pick one of \(HotPathInput.selectionSize) candidates (\(HotPathInput.selectionOwners) owners)") {
        benchmark in
        let now = Date()
        let ledger = KillLedger(rules: SafetyRules(), budgets: DisruptionBudgets([]))
        for _ in benchmark.scaledIterations {
            let selection = Selection.evaluate(candidates, criteria: SelectionCriteria(), now: now)
            let plan = KillPlan(eligible: selection.eligible, count: .count(1), maxKills: 1, seed: 42)
            blackHole(plan.preview(ledger: ledger))
        }
    }
}

/// The inputs, built once before anything is measured.
enum HotPathInput {
    static let pageSize = 500
    static let selectionSize = 10_000
    static let selectionOwners = 400

    /// The real Pod the KubeAPI tests decode, found from this file's place in the repository.
    static let fixture: Data = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../..")
        let url = repository.appendingPathComponent("Tests/KubeAPITests/Fixtures/kube-apiserver-1.36/pod.json").standardized
        guard let data = try? Data(contentsOf: url) else { fatalError("cannot read the Pod fixture at \(url.path)") }
        return data
    }()

    /// A PodList page as the API server sends it: `pods` copies of the fixture named `bench-<offset + i>`.
    static func podListPage(pods: Int, offset: Int) -> Data {
        guard let template = try? JSONSerialization.jsonObject(with: fixture) as? [String: Any] else {
            fatalError("the Pod fixture is not a JSON object")
        }
        let items = (offset..<offset + pods).map { index -> [String: Any] in
            var pod = template
            var metadata = pod["metadata"] as? [String: Any] ?? [:]
            metadata["name"] = "bench-\(index)"
            metadata["uid"] = String(format: "00000000-0000-4000-8000-%012d", index)
            pod["metadata"] = metadata
            return pod
        }
        let list: [String: Any] = [
            "kind": "PodList", "apiVersion": "v1", "metadata": ["resourceVersion": "1", "continue": "next"], "items": items,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: list) else { fatalError("cannot encode the page") }
        return data
    }

    /// `count` Running pods spread over `owners` fully ready Deployments, as the inventory hands them to selection.
    static func candidates(count: Int, owners: Int) -> [Candidate] {
        let decoder = KubeJSON.decoder()
        let pods = stride(from: 0, to: count, by: pageSize).flatMap { offset in
            let data = podListPage(pods: min(pageSize, count - offset), offset: offset)
            guard let page = try? decoder.decode(ObjectList<Pod>.self, from: data) else { fatalError("cannot decode a generated page") }
            return page.items
        }
        let replicas = count / owners
        return pods.enumerated().map { index, pod in
            let owner = index % owners
            let workload = Workload(
                kind: "Deployment", name: "w-\(owner)", namespace: pod.metadata.namespace ?? "default",
                uid: String(format: "10000000-0000-4000-8000-%012d", owner), desiredReplicas: replicas, readyReplicas: replicas)
            return Candidate(pod: pod, owner: workload)
        }
    }
}
