/// The body of `GET /version`: which Kubernetes the server runs.
public struct Version: Codable, Sendable, Hashable, CustomStringConvertible {
    public var major: String?
    public var minor: String?
    /// `v1.36.2`.
    public var gitVersion: String?
    public var gitCommit: String?
    public var gitTreeState: String?
    /// RFC 3339, kept as text: nothing depends on it and a malformed one must not fail the request.
    public var buildDate: String?
    public var goVersion: String?
    public var compiler: String?
    /// `linux/amd64`.
    public var platform: String?

    public init(major: String? = nil, minor: String? = nil, gitVersion: String? = nil, platform: String? = nil) {
        self.major = major
        self.minor = minor
        self.gitVersion = gitVersion
        self.platform = platform
    }

    public var description: String { gitVersion ?? "\(major ?? "?").\(minor ?? "?")" }
}
