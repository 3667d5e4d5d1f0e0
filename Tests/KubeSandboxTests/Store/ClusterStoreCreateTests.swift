import KubeSandbox
import Testing

@Suite struct ClusterStoreCreateTests {
    let pods = ResourceCatalog.pods

    @Test func createStampsServerMetadata() async throws {
        let store = ClusterStore()
        let before = Int(await store.currentResourceVersion) ?? 0
        let created = try await store.create(pods, namespace: "default", Objects.pod("web"))
        let uid = try #require(created[path: ["metadata", "uid"]]?.stringValue)
        #expect(uid.count == 36)
        #expect(created.resourceVersion ?? 0 > before)
        #expect(created[path: ["metadata", "creationTimestamp"]]?.stringValue?.hasSuffix("Z") == true)
        #expect(created[path: ["metadata", "generation"]]?.intValue == 1)
        #expect(created[path: ["status", "phase"]]?.stringValue == "Pending")
        #expect(try await store.get(pods, namespace: "default", name: "web") == created)
    }

    @Test func resourceVersionsIncreaseAcrossResources() async throws {
        let store = ClusterStore()
        let first = try await store.create(pods, namespace: "default", Objects.pod("a"))
        let namespace = try await store.create(ResourceCatalog.namespaces, namespace: nil, Objects.namespace("other"))
        let second = try await store.create(pods, namespace: "other", Objects.pod("a", namespace: "other"))
        #expect((first.resourceVersion ?? 0) < (namespace.resourceVersion ?? 0))
        #expect((namespace.resourceVersion ?? 0) < (second.resourceVersion ?? 0))
    }

    @Test func generateNameAddsFiveCharacters() async throws {
        let store = ClusterStore()
        var body = Objects.pod("")
        body[path: ["metadata", "name"]] = nil
        body[path: ["metadata", "generateName"]] = .string("web-")
        let first = try await store.create(pods, namespace: "default", body)
        let second = try await store.create(pods, namespace: "default", body)
        let name = try #require(first.name)
        #expect(name.hasPrefix("web-") && name.count == 9)
        #expect(first.name != second.name)
    }

    @Test func createInMissingNamespaceIsNotFoundForTheNamespace() async throws {
        let store = ClusterStore()
        let error = try await #require(throws: StatusError.self) {
            try await store.create(pods, namespace: "nowhere", Objects.pod("web", namespace: "nowhere"))
        }
        #expect(error.code == 404)
        #expect(error.message == "namespaces \"nowhere\" not found")
    }

    @Test func namespaceMismatchIsBadRequest() async throws {
        let store = ClusterStore()
        let error = try await #require(throws: StatusError.self) {
            try await store.create(pods, namespace: "default", Objects.pod("web", namespace: "kube-system"))
        }
        #expect(error.code == 400)
    }

    @Test func duplicateIsAlreadyExists() async throws {
        let store = ClusterStore()
        _ = try await store.create(pods, namespace: "default", Objects.pod("web"))
        let error = try await #require(throws: StatusError.self) {
            try await store.create(pods, namespace: "default", Objects.pod("web"))
        }
        #expect(error.code == 409 && error.reason == "AlreadyExists")
        #expect(error.message == "pods \"web\" already exists")
    }

    @Test(arguments: [
        ("Bad_Name", true, ["metadata.name"]),
        ("", true, ["metadata.name"]),
        ("good", false, ["spec.containers"]),
        ("-starts-with-dash", false, ["metadata.name", "spec.containers"]),
    ])
    func invalidPodsAreRejectedWithCauses(name: String, withContainers: Bool, fields: [String]) async throws {
        let store = ClusterStore()
        var body = Objects.pod(name)
        if !withContainers { body[path: ["spec", "containers"]] = .array([]) }
        let error = try await #require(throws: StatusError.self) { try await store.create(pods, namespace: "default", body) }
        #expect(error.code == 422 && error.reason == "Invalid")
        let causes = error.details?["causes"]?.arrayValue ?? []
        #expect(causes.compactMap { $0["field"]?.stringValue } == fields)
    }

    @Test(
        "RBAC objects take any path segment as a name, colons included, as the real server's system: roles do",
        arguments: [
            ("podchaos:podchaosmonkey", nil), ("system:controller:Upper_Case", nil), ("a/b", "may not contain '/'"),
            ("100%", "may not contain '%'"), ("..", "may not be '..'"),
        ])
    func rbacNamesArePathSegments(name: String, problem: String?) async throws {
        let store = ClusterStore()
        let clusterRoles = try #require(ResourceCatalog.find(group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles"))
        let role: JSONValue = .object([
            "apiVersion": .string("rbac.authorization.k8s.io/v1"), "kind": .string("ClusterRole"),
            "metadata": .object(["name": .string(name)]), "rules": .array([]),
        ])
        if let problem {
            let error = try await #require(throws: StatusError.self) { try await store.create(clusterRoles, namespace: nil, role) }
            #expect(error.code == 422 && error.reason == "Invalid")
            #expect(error.details?["causes"]?.arrayValue?.first?["message"]?.stringValue?.contains(problem) == true)
        } else {
            #expect(try await store.create(clusterRoles, namespace: nil, role).name == name)
        }
    }

    @Test func dryRunStoresNothingAndConsumesNoResourceVersion() async throws {
        let store = ClusterStore()
        let before = await store.currentResourceVersion
        let answer = try await store.create(pods, namespace: "default", Objects.pod("web"), dryRun: true)
        #expect(answer.name == "web")
        #expect(await store.currentResourceVersion == before)
        await #expect(throws: StatusError.self) { try await store.get(pods, namespace: "default", name: "web") }
    }

    @Test(arguments: [("nginx:1.27", "IfNotPresent"), ("nginx", "Always"), ("nginx:latest", "Always"), ("registry:5000/app", "Always")])
    func podsGetTheServerDefaults(image: String, pullPolicy: String) async throws {
        let store = ClusterStore()
        var body = Objects.pod("web")
        body[path: ["spec", "containers"]] = .array([.object(["name": .string("c"), "image": .string(image)])])
        let created = try await store.create(pods, namespace: "default", body)
        #expect(created[path: ["spec", "restartPolicy"]]?.stringValue == "Always")
        #expect(created[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue == 30)
        #expect(created[path: ["spec", "containers"]]?.arrayValue?.first?["imagePullPolicy"]?.stringValue == pullPolicy)
    }

    @Test func deploymentDefaultsDoNotCountAsSpecChanges() async throws {
        let store = ClusterStore()
        let deployments = ResourceCatalog.find(name: "deployments")!
        var body = Objects.deployment("web")
        body[path: ["spec", "replicas"]] = nil
        let created = try await store.create(deployments, namespace: "default", body)
        #expect(created[path: ["spec", "replicas"]]?.intValue == 1)
        #expect(created[path: ["spec", "strategy", "type"]]?.stringValue == "RollingUpdate")
        var resent = body
        resent[path: ["metadata", "labels"]] = .object(["x": .string("y")])
        let updated = try await store.update(deployments, namespace: "default", name: "web", resent)
        #expect(updated[path: ["metadata", "generation"]]?.intValue == 1)
    }
}
