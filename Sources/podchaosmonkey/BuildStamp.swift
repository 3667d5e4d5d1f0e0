// The committed fallback. `scripts/stamp-build-info` rewrites this file before a release build (the Dockerfile and
// .ci/run do) and `scripts/stamp-build-info --reset` restores it, so a plain `swift build` says "unknown".
enum BuildStamp {
    static let revision = "unknown"
    static let date = "unknown"
}
