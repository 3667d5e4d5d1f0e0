import Foundation
import Testing

@testable import podchaosmonkey

@Suite("The demo's compiled-in manifests")
struct ExampleManifestsTests {
    static let exampleDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("kustomize/example")

    @Test("They are byte-for-byte the files of kustomize/example, and every resource file is included")
    func sameAsRepository() throws {
        for file in ExampleManifests.files {
            let onDisk = try String(contentsOf: Self.exampleDirectory.appendingPathComponent(file.name), encoding: .utf8)
            #expect(onDisk == file.content, "\(file.name) differs from kustomize/example")
        }
        let kustomization = try String(contentsOf: Self.exampleDirectory.appendingPathComponent("kustomization.yaml"), encoding: .utf8)
        let listed = kustomization.split(separator: "\n").filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        #expect(listed == ExampleManifests.files.map(\.name))
    }
}
