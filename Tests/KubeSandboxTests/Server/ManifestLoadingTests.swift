import Foundation
import KubeSandbox
import KubeTesting
import Testing

@Suite(.dedicatedThreads) struct ManifestLoadingTests {
    static let multiDocument = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: demo}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: c, image: nginx}]}
        ---
        # the namespace comes second but is created first
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: web-1, namespace: demo, labels: {app: web}}
          spec: {nodeName: node-1, containers: [{name: c, image: nginx}]}
          status: {phase: Running}
        - {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"replicas": "3"}}
        """

    @Test func loadsMultiDocumentYAMLWithListsNamespacesFirst() async throws {
        try await withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox in
            do {
                let created = try await sandbox.load(Self.multiDocument)
                #expect(created.compactMap(\.name) == ["demo", "web", "web-1", "settings"])
                let pod = try await sandbox.object("po", namespace: "demo", name: "web-1")
                #expect(pod[path: ["status", "phase"]]?.stringValue == "Running")
                let configMap = try await sandbox.object("ConfigMap", namespace: "default", name: "settings")
                #expect(configMap[path: ["data", "replicas"]]?.stringValue == "3")
            } catch {
                Issue.record(error)
            }
        }
    }

    @Test func loadsEveryManifestInADirectory() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = try await Sandbox.start(SandboxOptions(tls: false, controllers: false))
        do {
            try Data(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}"#.utf8).write(
                to: URL(fileURLWithPath: directory.file("1.json")))
            try Data("apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n".utf8).write(
                to: URL(fileURLWithPath: directory.file("2.yaml")))
            try Data("not a manifest".utf8).write(to: URL(fileURLWithPath: directory.file("README.md")))
            let created = try await sandbox.load(path: directory.path)
            #expect(created.compactMap(\.name) == ["a", "b"])
        } catch {
            Issue.record(error)
        }
        await sandbox.stop()
        directory.remove()
    }

    @Test(arguments: [
        ("kind: Widget\napiVersion: example.com/v1\nmetadata: {name: w}\n", "does not serve kind \"Widget\""),
        ("a: [unclosed\n", "invalid manifest"),
        ("apiVersion: v1\nkind: Pod\nmetadata: {name: Bad_Name}\nspec: {containers: [{name: c, image: x}]}\n", "Bad_Name"),
    ])
    func rejectsBadManifestsWithAMessage(text: String, fragment: String) async throws {
        try await withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox in
            let error = await #expect(throws: SandboxError.self) { try await sandbox.load(text, origin: "test.yaml") }
            #expect(error?.isInvalidManifest == true)
            #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "")")
        }
    }

    @Test func missingPathIsUnreadable() async throws {
        try await withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox in
            let error = await #expect(throws: SandboxError.self) { try await sandbox.load(path: "/nonexistent/podchaosmonkey") }
            #expect(error?.isUnreadableManifest == true)
            #expect(error?.description == "cannot read /nonexistent/podchaosmonkey: no such file or directory")
        }
    }
}
