/// Why a cluster configuration (kubeconfig, exec plugin, in-cluster service account) could not be used.
///
/// `description` is one line naming the file and the field, so a user can fix the configuration without a debugger.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Hashable {
    private enum Code: Sendable, Hashable {
        case unreadableFile
        case malformedYAML
        case invalidField
        case missingEntry
        case noCurrentContext
        case nothingFound
        case execPlugin
        case inCluster
        case insecureHTTP
    }

    private let code: Code
    /// The file the problem is in (kubeconfig, token file, plugin path), when there is one.
    public let file: String?
    /// The field path within the file, e.g. `users[alice].client-certificate-data`.
    public let field: String?
    public let description: String

    private init(code: Code, file: String?, field: String?, description: String) {
        self.code = code
        self.file = file
        self.field = field
        self.description = EchoedText.line(description)
    }

    /// A file that does not exist or cannot be read. `role` says what the file is, e.g. `kubeconfig`.
    static func unreadableFile(_ path: String, role: String, reason: String, field: String? = nil) -> ConfigError {
        ConfigError(code: .unreadableFile, file: path, field: field, description: "\(role) \(path): \(reason)")
    }

    static func malformedYAML(_ path: String, detail: String) -> ConfigError {
        ConfigError(code: .malformedYAML, file: path, field: nil, description: "kubeconfig \(path): \(detail)")
    }

    /// A field with the wrong type or an unusable value.
    static func invalidField(_ path: String, field: String, problem: String) -> ConfigError {
        ConfigError(code: .invalidField, file: path, field: field, description: "kubeconfig \(path): \(field) \(problem)")
    }

    /// A context, cluster or user that is referenced but not defined.
    static func missingEntry(_ path: String, field: String? = nil, message: String) -> ConfigError {
        ConfigError(code: .missingEntry, file: path, field: field, description: "kubeconfig \(path): \(message)")
    }

    static func noCurrentContext(_ path: String) -> ConfigError {
        ConfigError(
            code: .noCurrentContext, file: path, field: "current-context",
            description: "kubeconfig \(path): no current-context is set; pass --context")
    }

    static func nothingFound(lookedIn places: [String]) -> ConfigError {
        ConfigError(
            code: .nothingFound, file: nil, field: nil,
            description: "no Kubernetes configuration found (looked in: \(places.joined(separator: "; "))); "
                + "pass --kubeconfig, or try `podchaosmonkey demo` / `podchaosmonkey sandbox`")
    }

    static func execPlugin(_ command: String, _ message: String) -> ConfigError {
        ConfigError(code: .execPlugin, file: command, field: nil, description: "exec plugin \(command): \(message)")
    }

    static func inCluster(_ path: String?, _ message: String) -> ConfigError {
        ConfigError(code: .inCluster, file: path, field: nil, description: "in-cluster config: \(message)")
    }

    /// A cluster whose server is plain `http://` to a host that is not loopback, when that is not allowed.
    static func insecureHTTP(_ path: String, cluster: String, server: String) -> ConfigError {
        ConfigError(
            code: .insecureHTTP, file: path, field: "clusters[\(cluster)].server",
            description: "kubeconfig \(path): clusters[\(cluster)].server \(server) is plain HTTP to a host that is not loopback; "
                + "use https, or pass --allow-insecure-http to send requests and credentials unencrypted")
    }

    public var isUnreadableFile: Bool { code == .unreadableFile }
    public var isMalformedYAML: Bool { code == .malformedYAML }
    public var isInvalidField: Bool { code == .invalidField }
    public var isMissingEntry: Bool { code == .missingEntry }
    public var isNothingFound: Bool { code == .nothingFound }
    /// The exec credential plugin could not be found, failed, timed out or printed something unusable.
    public var isExecPlugin: Bool { code == .execPlugin }
    public var isInCluster: Bool { code == .inCluster }
    /// A plain `http://` server that is not loopback, refused without `--allow-insecure-http`.
    public var isInsecureHTTP: Bool { code == .insecureHTTP }
}
