import Foundation
import KubeAPI

/// The captured kube-apiserver 1.36 responses in the test bundle, by file name.
enum Fixtures {
    static let folder = "Fixtures/kube-apiserver-1.36"

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "fixture \(path) is not in the test bundle" }
    }

    struct Malformed: Error, CustomStringConvertible {
        let path: String
        let why: String
        var description: String { "fixture \(path): \(why)" }
    }

    static func url(_ name: String, in subfolder: String? = nil) throws -> URL {
        let directory = subfolder.map { "\(folder)/\($0)" } ?? folder
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: directory) else {
            throw Missing(path: "\(directory)/\(name)")
        }
        return url
    }

    /// A response body.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    /// The request body that produced `name`.
    static func request(_ name: String) throws -> Data {
        try Data(contentsOf: url(name, in: "requests"))
    }

    /// A response body decoded as the API server's JSON.
    static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        try KubeJSON.decoder().decode(type, from: data(name))
    }

    /// The lines of a newline-delimited watch stream, empty lines dropped.
    static func lines(_ name: String) throws -> [Data] {
        try data(name).split(separator: UInt8(ascii: "\n")).map { Data($0) }
    }

    /// The HTTP status code from the first line of `headers/<name>.txt` (`HTTP/2 404 `).
    static func httpStatus(_ name: String) throws -> Int {
        let path = "headers/\(name).txt"
        let text = try String(decoding: Data(contentsOf: url("\(name).txt", in: "headers")), as: UTF8.self)
        let firstLine = text.split(whereSeparator: \.isNewline).first ?? ""
        let words = firstLine.split(separator: " ")
        guard words.count >= 2, words[0].hasPrefix("HTTP/"), let code = Int(words[1]) else {
            throw Malformed(path: path, why: "no HTTP status line")
        }
        return code
    }

    /// Names of the response bodies in the fixture folder.
    static func names() throws -> [String] {
        let directory = try url("README.md").deletingLastPathComponent()
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".ndjson") }
            .sorted()
    }
}
