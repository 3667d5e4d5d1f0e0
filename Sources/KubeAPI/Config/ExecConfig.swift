/// A kubeconfig user's `exec` credential plugin, as kubectl reads it.
public struct ExecConfig: Sendable, Hashable {
    public static let apiVersionV1 = "client.authentication.k8s.io/v1"
    public static let apiVersionV1beta1 = "client.authentication.k8s.io/v1beta1"
    static let supportedAPIVersions = [apiVersionV1, apiVersionV1beta1]

    /// An absolute path, a bare name looked up in `PATH`, or (already resolved) a path relative to the kubeconfig.
    public var command: String
    public var args: [String]
    /// Added to (and overriding) the plugin's inherited environment.
    public var env: [EnvVar]
    /// The ExecCredential apiVersion requested; the plugin must answer with the same one.
    public var apiVersion: String
    /// Shown when the command cannot be found, e.g. how to install the plugin.
    public var installHint: String?
    public var provideClusterInfo: Bool
    public var interactiveMode: InteractiveMode

    public struct EnvVar: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public enum InteractiveMode: String, Sendable, Hashable, CaseIterable {
        case never = "Never"
        case ifAvailable = "IfAvailable"
        case always = "Always"
    }

    public init(
        command: String,
        args: [String] = [],
        env: [EnvVar] = [],
        apiVersion: String = ExecConfig.apiVersionV1,
        installHint: String? = nil,
        provideClusterInfo: Bool = false,
        interactiveMode: InteractiveMode = .never
    ) {
        self.command = command
        self.args = args
        self.env = env
        self.apiVersion = apiVersion
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}

/// What a plugin with `provideClusterInfo: true` is told about the cluster (ExecCredential `spec.cluster`).
public struct ExecClusterInfo: Sendable, Hashable {
    public var server: String
    public var tlsServerName: String?
    public var insecureSkipTLSVerify: Bool
    public var certificateAuthorityData: [UInt8]?
    public var proxyURL: String?
    /// JSON of the cluster's `client.authentication.k8s.io/exec` extension, passed through as `spec.cluster.config`.
    public var configJSON: [UInt8]?

    public init(
        server: String,
        tlsServerName: String? = nil,
        insecureSkipTLSVerify: Bool = false,
        certificateAuthorityData: [UInt8]? = nil,
        proxyURL: String? = nil,
        configJSON: [UInt8]? = nil
    ) {
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthorityData = certificateAuthorityData
        self.proxyURL = proxyURL
        self.configJSON = configJSON
    }
}
