import Foundation
import KubeSandbox
import KubeTesting
import NIOHTTP1
import Testing

@Suite(.dedicatedThreads) struct ResourceHTTPTests {

    @Test(arguments: [
        ("application/merge-patch+json", #"{"metadata":{"labels":{"tier":"front"}}}"#),
        ("application/strategic-merge-patch+json", #"{"metadata":{"labels":{"tier":"front"}}}"#),
        ("application/json-patch+json", #"[{"op":"add","path":"/metadata/labels/tier","value":"front"}]"#),
    ])
    func patchTypesChangeTheObject(contentType: String, patch: String) async throws {
        try await TestClient.withSandbox { sandbox, client in
            _ = try await sandbox.store.create(ResourceCatalog.pods, namespace: "default", Objects.pod("web", labels: ["app": "web"]))
            let response = try await client.send(
                .PATCH, "/api/v1/namespaces/default/pods/web", body: Data(patch.utf8), contentType: contentType)
            #expect(response.status == 200)
            #expect(response.json?[path: ["metadata", "labels"]] == .object(["app": .string("web"), "tier": .string("front")]))
        }
    }

    @Test func applyPatchIsUnsupportedMediaType() async throws {
        try await TestClient.withSandbox { sandbox, client in
            _ = try await sandbox.store.create(ResourceCatalog.pods, namespace: "default", Objects.pod("web"))
            let response = try await client.send(
                .PATCH, "/api/v1/namespaces/default/pods/web", body: Data("metadata: {}".utf8), contentType: "application/apply-patch+yaml")
            #expect(response.status == 415)
            #expect(response.json?["reason"]?.stringValue == "UnsupportedMediaType")
        }
    }

    @Test func statusPatchChangesOnlyStatusAndMainPatchIgnoresStatus() async throws {
        try await TestClient.withSandbox { sandbox, client in
            _ = try await sandbox.store.create(ResourceCatalog.pods, namespace: "default", Objects.pod("web"))
            let patch = Data(#"{"metadata":{"labels":{"x":"y"}},"status":{"phase":"Running"}}"#.utf8)
            let viaMain = try await client.send(
                .PATCH, "/api/v1/namespaces/default/pods/web", body: patch, contentType: "application/merge-patch+json")
            #expect(viaMain.json?[path: ["status", "phase"]]?.stringValue == "Pending")
            #expect(viaMain.json?[path: ["metadata", "labels", "x"]]?.stringValue == "y")
            let statusPatch = Data(#"{"metadata":{"labels":{"x":"z"}},"status":{"phase":"Running"}}"#.utf8)
            let viaStatus = try await client.send(
                .PATCH, "/api/v1/namespaces/default/pods/web/status", body: statusPatch, contentType: "application/merge-patch+json")
            #expect(viaStatus.json?[path: ["status", "phase"]]?.stringValue == "Running")
            #expect(viaStatus.json?[path: ["metadata", "labels", "x"]]?.stringValue == "y")
        }
    }

    @Test func scaleSubresourceHasTheFixtureShape() async throws {
        try await TestClient.withSandbox { sandbox, client in
            let deployments = try #require(ResourceCatalog.find(name: "deployments"))
            _ = try await sandbox.store.create(deployments, namespace: "default", Objects.deployment("nginx"))
            let scale = try await client.send(.GET, "/apis/apps/v1/namespaces/default/deployments/nginx/scale")
            let answer = try #require(scale.json)
            #expect(JSONShape(answer) == JSONShape(try Fixtures.json("deployment-scale.json")))
            let patched = try await client.send(
                .PATCH, "/apis/apps/v1/namespaces/default/deployments/nginx/scale", body: Data(#"{"spec":{"replicas":6}}"#.utf8),
                contentType: "application/merge-patch+json")
            #expect(patched.json?[path: ["spec", "replicas"]]?.intValue == 6)
            #expect(
                try await sandbox.object("deployments", namespace: "default", name: "nginx")[path: ["spec", "replicas"]]?.intValue == 6)
        }
    }

    @Test func dryRunCreatePatchDeleteAndEvictionChangeNothing() async throws {
        try await TestClient.withSandbox { sandbox, client in
            _ = try await sandbox.store.create(ResourceCatalog.pods, namespace: "default", Objects.pod("web"))
            let before = await sandbox.store.currentResourceVersion
            let create = try await client.json(.POST, "/api/v1/namespaces/default/pods?dryRun=All", Objects.pod("other"))
            #expect(create.status == 201)
            let patch = try await client.send(
                .PATCH, "/api/v1/namespaces/default/pods/web?dryRun=All", body: Data(#"{"metadata":{"labels":{"a":"b"}}}"#.utf8),
                contentType: "application/merge-patch+json")
            #expect(patch.json?[path: ["metadata", "labels", "a"]]?.stringValue == "b")
            let delete = try await client.send(.DELETE, "/api/v1/namespaces/default/pods/web?dryRun=All")
            #expect(delete.status == 200)
            let eviction = try await client.send(
                .POST, "/api/v1/namespaces/default/pods/web/eviction?dryRun=All",
                body: Data(#"{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web"}}"#.utf8))
            #expect(eviction.status == 201)
            #expect(await sandbox.store.currentResourceVersion == before)
            #expect(try await sandbox.objects("pods").compactMap(\.name) == ["web"])
        }
    }

    @Test func deleteAnswersTheObjectAndHonoursQueryGracePeriod() async throws {
        try await TestClient.withSandbox { sandbox, client in
            _ = try await sandbox.store.create(ResourceCatalog.pods, namespace: "default", Objects.pod("web", node: "n1"))
            let graceful = try await client.send(.DELETE, "/api/v1/namespaces/default/pods/web?gracePeriodSeconds=10")
            #expect(graceful.status == 200)
            #expect(graceful.json?[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue == 10)
            let immediate = try await client.send(
                .DELETE, "/api/v1/namespaces/default/pods/web", body: try Fixtures.request("pod-delete-grace0-200.json"))
            #expect(immediate.status == 200)
            #expect(JSONShape(try #require(immediate.json)).description.contains("metadata"))
            #expect(try await sandbox.objects("pods").isEmpty)
        }
    }

    @Test func listHasTheFixtureListShapeWithoutItemKinds() async throws {
        try await TestClient.withSandbox { sandbox, client in
            for name in ["a", "b"] { _ = try await sandbox.store.create(ResourceCatalog.pods, namespace: "default", Objects.pod(name)) }
            let list = try #require(try await client.send(.GET, "/api/v1/namespaces/default/pods?limit=1").json)
            let fixture = try Fixtures.json("podlist-limit1-continue.json")
            #expect(keys(list) == keys(fixture))
            #expect(JSONShape(list["metadata"] ?? .null) == JSONShape(fixture["metadata"] ?? .null))
            #expect(list[path: ["kind"]]?.stringValue == "PodList")
            #expect(list["items"]?.arrayValue?.first?["kind"] == nil)
        }
    }

    /// Protobuf is read for the kinds kubectl's create commands send (KubectlTests); other kinds are refused.
    @Test func protobufBodyOfAnotherKindIsUnsupportedMediaType() async throws {
        try await TestClient.withSandbox { _, client in
            // The envelope: magic, then runtime.Unknown with TypeMeta {apiVersion: v1, kind: Service} and no object.
            let typeMeta: [UInt8] = [0x0A, 0x02] + Array("v1".utf8) + [0x12, 0x07] + Array("Service".utf8)
            let body = Data([0x6B, 0x38, 0x73, 0x00, 0x0A, UInt8(typeMeta.count)] + typeMeta)
            let response = try await client.send(
                .POST, "/api/v1/namespaces/default/services", body: body, contentType: "application/vnd.kubernetes.protobuf")
            #expect(response.status == 415)
            #expect(response.json?["reason"]?.stringValue == "UnsupportedMediaType")
        }
    }

    @Test func malformedProtobufBodyIsABadRequest() async throws {
        try await TestClient.withSandbox { _, client in
            // Field 1 says 9 bytes follow; none do.
            let body = Data([0x6B, 0x38, 0x73, 0x00, 0x0A, 0x09])
            let response = try await client.send(
                .POST, "/api/v1/namespaces/default/configmaps", body: body, contentType: "application/vnd.kubernetes.protobuf")
            #expect(response.status == 400)
            #expect(response.json?["reason"]?.stringValue == "BadRequest")
        }
    }

    @Test func oversizedBodyIsRefusedAndTheServerKeepsServing() async throws {
        try await TestClient.withSandbox { _, client in
            let huge = Data(repeating: UInt8(ascii: " "), count: 4 * 1024 * 1024)
            let response = try await client.send(.POST, "/api/v1/namespaces/default/configmaps", body: huge)
            #expect(response.status == 413)
            #expect(try await client.send(.GET, "/api/v1/namespaces/default").status == 200)
        }
    }

    @Test func unknownPathsAndVerbsAnswerLikeTheRealServer() async throws {
        try await TestClient.withSandbox { _, client in
            #expect(try await client.send(.GET, "/openapi/v2").status == 404)
            #expect(try await client.send(.GET, "/apis/nope.example.com/v1/things").status == 404)
            #expect(try await client.send(.PUT, "/api/v1/namespaces/default/pods").status == 405)
            #expect(try await client.send(.POST, "/apis", body: Data("{}".utf8)).status == 405)
            let version = try #require(try await client.send(.GET, "/version").json)
            #expect(keys(version) == keys(try Fixtures.json("version.json")))
        }
    }
}

private func keys(_ value: JSONValue?) -> Set<String> {
    Set(value?.objectValue.map { Array($0.keys) } ?? [])
}
