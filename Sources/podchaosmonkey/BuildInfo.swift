/// Version stamped into the binary; the release build (issue "Ship it") injects revision and date.
enum BuildInfo {
    static let version = "0.1.0"
    static let revision = "unknown"
}
