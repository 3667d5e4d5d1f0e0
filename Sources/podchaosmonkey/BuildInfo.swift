/// What `podchaosmonkey version` prints. The version is the source's; revision and date come from `BuildStamp`,
/// which `scripts/stamp-build-info` rewrites before a release build.
enum BuildInfo {
    static let version = "0.1.0"
    static var revision: String { BuildStamp.revision }
    static var date: String { BuildStamp.date }

    /// `podchaosmonkey 0.1.0 (revision 1a2b3c4, built 2026-11-25T14:00:00Z)`.
    static var line: String { "podchaosmonkey \(version) (revision \(revision), built \(date))" }
}
