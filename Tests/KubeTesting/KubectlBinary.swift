import Foundation

/// The kubectl that tests run as an independent client of the sandbox (and to render kustomizations), and whether
/// the tests that need it run.
public enum KubectlBinary {
    public static let path = "/usr/bin/kubectl"
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }
    /// CI sets PODCHAOSMONKEY_REQUIRE_KUBECTL=1 so a missing kubectl fails instead of skipping.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["PODCHAOSMONKEY_REQUIRE_KUBECTL"] == "1" }
    /// Whether kubectl tests run: kubectl is there, or it is required (and its absence then fails them).
    public static var shouldRun: Bool { isInstalled || isRequired }
}
