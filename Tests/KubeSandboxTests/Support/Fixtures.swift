import Foundation
import KubeSandbox

/// The captured kube-apiserver 1.36 responses, read from the repository by path.
enum Fixtures {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KubeAPITests/Fixtures/kube-apiserver-1.36")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONReader.parse(data(name))
    }

    static func request(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent("requests").appendingPathComponent(name))
    }

    /// The HTTP status code from `headers/NAME.txt` (`HTTP/2 404`).
    static func httpStatus(_ name: String) throws -> Int {
        let text = try String(contentsOf: directory.appendingPathComponent("headers/\(name).txt"), encoding: .utf8)
        let firstLine = text.split(separator: "\n").first ?? ""
        return Int(firstLine.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// The lines of an NDJSON watch capture.
    static func events(_ name: String) throws -> [JSONValue] {
        let text = String(decoding: try data(name), as: UTF8.self)
        return try text.split(separator: "\n").map { try JSONReader.parse(Data($0.utf8)) }
    }
}
