import Foundation
import KubeAPI

/// Reads the captured kube-apiserver 1.36 responses that live beside the KubeAPI tests, by path from this file,
/// so the sandbox is checked against the very same bytes.
enum CapturedFixture {
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "fixture \(path) is missing" }
    }

    static var folder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Disruption
            .deletingLastPathComponent()  // KubeSandboxTests
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("KubeAPITests/Fixtures/kube-apiserver-1.36")
    }

    static func data(_ name: String) throws -> Data {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        try KubeJSON.decoder().decode(type, from: data(name))
    }
}
