import Foundation

/// What `podchaosmonkey version` prints. The version is the source's, and this is its one home (CHANGELOG.md's newest
/// release matches it: `scripts/version --check`); revision and date come from `BuildStamp`, which
/// `scripts/stamp-build-info` rewrites before a release build.
enum BuildInfo {
    static let name = "podchaosmonkey"
    static let version = "0.1.0"
    static var revision: String { BuildStamp.revision }
    static var date: String { BuildStamp.date }

    /// `podchaosmonkey 0.1.0 (revision 1a2b3c4, built 2026-11-25T14:00:00Z)`.
    static var line: String { "\(name) \(version) (revision \(revision), built \(date))" }

    /// `{"buildDate":"2026-11-25T14:00:00Z","name":"podchaosmonkey","revision":"1a2b3c4","version":"0.1.0"}`, keys sorted.
    static func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(
            decoding: try encoder.encode(Document(name: name, version: version, revision: revision, buildDate: date)), as: UTF8.self)
    }

    private struct Document: Encodable {
        let name: String
        let version: String
        let revision: String
        let buildDate: String
    }
}
