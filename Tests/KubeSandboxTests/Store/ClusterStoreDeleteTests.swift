import KubeSandbox
import Testing

@Suite struct ClusterStoreDeleteTests {
    let pods = ResourceCatalog.pods

    @Test func scheduledPodWithGracePeriodStaysTerminatingUntilFinished() async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web", node: "node-1"))
        let answer = try await store.delete(pods, namespace: "default", name: "web")
        #expect(answer[path: ["metadata", "deletionTimestamp"]] != nil)
        #expect(answer[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue == 30)
        let stillThere = try await store.get(pods, namespace: "default", name: "web")
        #expect(stillThere[path: ["metadata", "deletionTimestamp"]] != nil)
        try await store.finishTermination(namespace: "default", name: "web")
        await #expect(throws: StatusError.self) { try await store.get(pods, namespace: "default", name: "web") }
    }

    @Test(arguments: [
        (node: String?.none, grace: Int?.none),
        (node: "node-1", grace: 0),
    ])
    func unscheduledOrZeroGracePodIsRemovedAtOnce(node: String?, grace: Int?) async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web", node: node))
        _ = try await store.delete(pods, namespace: "default", name: "web", options: SandboxDeleteOptions(gracePeriodSeconds: grace))
        await #expect(throws: StatusError.self) { try await store.get(pods, namespace: "default", name: "web") }
    }

    @Test(arguments: [(-5, 1), (Int.max, 10 * 365 * 24 * 3600)])
    func outOfRangeGracePeriodsAreClamped(requested: Int, applied: Int) async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web", node: "node-1"))
        let answer = try await store.delete(
            pods, namespace: "default", name: "web", options: SandboxDeleteOptions(gracePeriodSeconds: requested))
        #expect(answer[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue == applied)
    }

    @Test func uidPreconditionMismatchIsConflict() async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web"))
        let error = try await #require(throws: StatusError.self) {
            try await store.delete(
                pods, namespace: "default", name: "web",
                options: SandboxDeleteOptions(preconditionUID: "00000000-0000-0000-0000-000000000000"))
        }
        #expect(error.code == 409)
        #expect(error.message.contains("the UID in the precondition (00000000-0000-0000-0000-000000000000)"))
        _ = try await store.get(pods, namespace: "default", name: "web")
    }

    @Test func dryRunDeleteKeepsTheObjectAndResourceVersion() async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web"))
        let before = await store.currentResourceVersion
        _ = try await store.delete(pods, namespace: "default", name: "web", options: SandboxDeleteOptions(dryRun: true))
        #expect(await store.currentResourceVersion == before)
        _ = try await store.get(pods, namespace: "default", name: "web")
    }

    @Test func objectWithFinalizersWaitsForThem() async throws {
        let store = ClusterStore()
        let configMaps = try #require(ResourceCatalog.find(name: "configmaps"))
        let body: JSONValue = .object([
            "metadata": .object(["name": .string("settings"), "finalizers": .array([.string("example.com/keep")])])
        ])
        _ = try await store.create(configMaps, namespace: "default", body)
        let marked = try await store.delete(configMaps, namespace: "default", name: "settings")
        #expect(marked[path: ["metadata", "deletionTimestamp"]] != nil)
        var released = marked
        released[path: ["metadata", "finalizers"]] = .array([])
        _ = try await store.update(configMaps, namespace: "default", name: "settings", released)
        await #expect(throws: StatusError.self) { try await store.get(configMaps, namespace: "default", name: "settings") }
    }

    @Test func deletingANamespaceRemovesItsObjects() async throws {
        let store = ClusterStore()
        _ = try await store.create(ResourceCatalog.namespaces, namespace: nil, Objects.namespace("demo"))
        _ = try await store.create(pods, namespace: "demo", Objects.pod("web", namespace: "demo"))
        _ = try await store.create(pods, namespace: "default", Objects.pod("web"))
        _ = try await store.delete(ResourceCatalog.namespaces, namespace: nil, name: "demo")
        #expect(try await store.list(pods).items.compactMap { $0[path: ["metadata", "namespace"]]?.stringValue } == ["default"])
    }

    @Test func evictionDeletesThePodAndRefusalKeepsIt() async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web"))
        await store.setEvictionPolicy(RefuseEvictions())
        await #expect(throws: StatusError.self) { try await store.evict(namespace: "default", name: "web", eviction: .object([:])) }
        _ = try await store.get(pods, namespace: "default", name: "web")
        await store.setEvictionPolicy(AllowAllEvictions())
        try await store.evict(namespace: "default", name: "web", eviction: .object([:]))
        await #expect(throws: StatusError.self) { try await store.get(pods, namespace: "default", name: "web") }
    }
}

/// Refuses every eviction, as a PodDisruptionBudget with no disruptions allowed would.
struct RefuseEvictions: EvictionPolicy {
    func admit(eviction: JSONValue, pod: JSONValue, store: isolated ClusterStore) throws(StatusError) {
        throw StatusError(
            code: 429, reason: "TooManyRequests", message: "Cannot evict pod as it would violate the pod's disruption budget.")
    }
}
