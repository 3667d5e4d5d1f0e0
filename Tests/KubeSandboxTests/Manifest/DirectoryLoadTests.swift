import Foundation
import KubeTesting
import Testing

@testable import KubeSandbox

@Suite("Loading a manifest directory", .dedicatedThreads)
struct DirectoryLoadTests {
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("kustomize/example").path

    @Test("kustomize/example loads whatever the file order: namespaces first, kustomization.yaml skipped")
    func loadsExample() async throws {
        try await withSandbox(SandboxOptions(controllers: false)) { sandbox in
            let created = try await sandbox.load(path: Self.example)
            #expect(created.first?["kind"]?.stringValue == "Namespace")
            #expect(created.count == 7)
            #expect(try await sandbox.objects("pods", namespace: "podchaos-demo").count == 3)
            #expect(try await sandbox.objects("deployments", namespace: "podchaos-demo").count == 1)
            #expect(try await sandbox.objects("poddisruptionbudgets", namespace: "podchaos-demo").count == 1)
            #expect(try await sandbox.objects("services", namespace: "podchaos-demo").count == 1)
        }
    }
}
