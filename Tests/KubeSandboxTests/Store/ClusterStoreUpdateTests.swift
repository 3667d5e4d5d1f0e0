import KubeSandbox
import Testing

@Suite struct ClusterStoreUpdateTests {
    let pods = ResourceCatalog.pods
    let deployments = ResourceCatalog.find(name: "deployments")!

    @Test func staleResourceVersionIsConflict() async throws {
        let store = ClusterStore()
        let created = try await store.create(pods, namespace: "default", Objects.pod("web"))
        var relabelled = created
        relabelled[path: ["metadata", "labels", "touched"]] = .string("yes")
        _ = try await store.update(pods, namespace: "default", name: "web", relabelled)
        let error = try await #require(throws: StatusError.self) {
            try await store.update(pods, namespace: "default", name: "web", relabelled)
        }
        #expect(error.code == 409 && error.reason == "Conflict")
    }

    @Test func specChangeBumpsGenerationAndMetadataChangeDoesNot() async throws {
        let store = ClusterStore()
        let created = try await store.create(deployments, namespace: "default", Objects.deployment("web"))
        var labelled = created
        labelled[path: ["metadata", "labels"]] = .object(["a": .string("b")])
        let afterLabel = try await store.update(deployments, namespace: "default", name: "web", labelled)
        #expect(afterLabel[path: ["metadata", "generation"]]?.intValue == 1)
        var scaled = afterLabel
        scaled[path: ["spec", "replicas"]] = .number(5)
        let afterScale = try await store.update(deployments, namespace: "default", name: "web", scaled)
        #expect(afterScale[path: ["metadata", "generation"]]?.intValue == 2)
        #expect((afterScale.resourceVersion ?? 0) > (afterLabel.resourceVersion ?? 0))
    }

    @Test func mainResourceIgnoresStatusAndStatusSubresourceChangesOnlyStatus() async throws {
        let store = ClusterStore()
        let created = try await store.create(pods, namespace: "default", Objects.pod("web"))
        var body = created
        body[path: ["status", "phase"]] = .string("Running")
        body[path: ["metadata", "labels", "x"]] = .string("y")
        let viaMain = try await store.update(pods, namespace: "default", name: "web", body)
        #expect(viaMain[path: ["status", "phase"]]?.stringValue == "Pending")
        #expect(viaMain[path: ["metadata", "labels", "x"]]?.stringValue == "y")

        var statusBody = viaMain
        statusBody[path: ["status", "phase"]] = .string("Running")
        statusBody[path: ["metadata", "labels", "x"]] = .string("changed")
        let viaStatus = try await store.update(pods, namespace: "default", name: "web", statusBody, subresource: .status)
        #expect(viaStatus[path: ["status", "phase"]]?.stringValue == "Running")
        #expect(viaStatus[path: ["metadata", "labels", "x"]]?.stringValue == "y")
    }

    @Test func noOpUpdateKeepsResourceVersion() async throws {
        let store = ClusterStore()
        let created = try await store.create(pods, namespace: "default", Objects.pod("web"))
        let again = try await store.update(pods, namespace: "default", name: "web", created)
        #expect(again.resourceVersion == created.resourceVersion)
    }

    @Test func updateOfMissingObjectIsNotFound() async throws {
        let store = ClusterStore()
        let error = try await #require(throws: StatusError.self) {
            try await store.update(pods, namespace: "default", name: "ghost", Objects.pod("ghost"))
        }
        #expect(error.code == 404 && error.message == "pods \"ghost\" not found")
    }

    @Test func scaleSubresourceSetsParentReplicas() async throws {
        let store = ClusterStore()
        _ = try await store.create(deployments, namespace: "default", Objects.deployment("web", replicas: 3))
        let before = try await store.scale(deployments, namespace: "default", name: "web")
        #expect(before[path: ["spec", "replicas"]]?.intValue == 3)
        #expect(before[path: ["status", "selector"]]?.stringValue == "app=web")
        let after = try await store.updateScale(deployments, namespace: "default", name: "web") { scale in
            var next = scale
            next[path: ["spec", "replicas"]] = .number(7)
            return next
        }
        #expect(after[path: ["spec", "replicas"]]?.intValue == 7)
        #expect(try await store.get(deployments, namespace: "default", name: "web")[path: ["spec", "replicas"]]?.intValue == 7)
    }

    @Test func bindingSchedulesOnceAndOnlyOnce() async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web"))
        let binding: JSONValue = .object(["target": .object(["kind": .string("Node"), "name": .string("node-1")])])
        try await store.bind(namespace: "default", name: "web", binding: binding)
        #expect(try await store.get(pods, namespace: "default", name: "web")[path: ["spec", "nodeName"]]?.stringValue == "node-1")
        let error = try await #require(throws: StatusError.self) {
            try await store.bind(namespace: "default", name: "web", binding: binding)
        }
        #expect(error.code == 409)
    }
}
