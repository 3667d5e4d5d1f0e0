/// How a sandbox listens and behaves.
public struct SandboxOptions: Sendable {
    /// Bind `host:port` and serve HTTP(S) there. False: no port and no certificates (`tls` is ignored, there is no
    /// CA); requests reach the sandbox only in-process (`Sandbox.respond`) and authenticate with their bearer token.
    public var listen: Bool
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// Serve HTTPS with a generated CA (written into kubeconfigs); false serves plain HTTP, where requests without
    /// credentials act as the first user (kubectl sends no token over plain HTTP).
    public var tls: Bool
    /// Bearer-token users; the first is the default for kubeconfigs and `clusterConfig`.
    public var users: [SandboxUser]
    /// How many changes watches can resume across before they get 410 Expired.
    public var watchHistorySize: Int
    /// How many undelivered events a watcher may fall behind before the server closes its watch.
    public var watchBufferSize: Int
    /// How often a watch with `allowWatchBookmarks` gets a BOOKMARK.
    public var bookmarkInterval: Duration
    /// Run the controllers (workloads, scheduler, simulated kubelet, EndpointSlices, disruption budgets, namespace
    /// deletion, garbage collection); false leaves every object exactly as clients write it, for tests that seed state.
    public var controllers: Bool
    /// How many nodes (`node-1…N`, Ready) the sandbox starts with.
    public var nodes: Int
    /// The simulated kubelet's default delays.
    public var podTimings: PodLifecycleTimings
    /// The controllers' time: the wall clock, or a test clock a test advances to move pods along.
    public var controllerClock: ControllerClock = .wall
    /// The time a `latency` fault waits in: the wall clock, or a test clock, so a test injects latency without waiting.
    public var faultClock: any Clock<Duration> = ContinuousClock()
    /// Authorize every request with RBAC (the stored Roles, ClusterRoles and bindings plus the bootstrap policy),
    /// as kube-apiserver with `--authorization-mode=RBAC`. Off: every authenticated user may do anything.
    public var rbac: Bool
    /// The fault plan the server starts with; change it at run time with `Sandbox.setFaults` and friends.
    public var faults: FaultPlan
    /// Over TLS, offer HTTP/2 besides HTTP/1.1 (ALPN `h2`, `http/1.1`), as kube-apiserver does; false offers only
    /// `http/1.1`. Plain HTTP is always HTTP/1.1.
    public var http2: Bool
    /// How many streams one HTTP/2 connection may have open at once (`SETTINGS_MAX_CONCURRENT_STREAMS`): 100, as
    /// kube-apiserver's `--http2-max-streams-per-connection` when unset.
    public var http2MaxStreamsPerConnection: Int

    public init(
        listen: Bool = true, host: String = "127.0.0.1", port: Int = 0, tls: Bool = true, users: [SandboxUser] = [.randomAdmin()],
        watchHistorySize: Int = 10_000,
        watchBufferSize: Int = 10_000, bookmarkInterval: Duration = .seconds(30), controllers: Bool = true, nodes: Int = 3,
        podTimings: PodLifecycleTimings = PodLifecycleTimings(), rbac: Bool = false, faults: FaultPlan = FaultPlan(),
        http2: Bool = true, http2MaxStreamsPerConnection: Int = 100
    ) {
        self.listen = listen
        self.controllers = controllers
        self.nodes = max(0, nodes)
        self.podTimings = podTimings
        self.host = host
        self.port = port
        self.tls = tls
        self.users = users.isEmpty ? [.randomAdmin()] : users
        self.watchHistorySize = watchHistorySize
        self.watchBufferSize = watchBufferSize
        self.bookmarkInterval = bookmarkInterval
        self.rbac = rbac
        self.faults = faults
        self.http2 = http2
        self.http2MaxStreamsPerConnection = max(1, http2MaxStreamsPerConnection)
    }

    /// Parses `HOST:PORT` or `[IPv6]:PORT` as `--listen` takes it.
    public static func parseListenAddress(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":") else { throw SandboxError.invalidListenAddress(text) }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw SandboxError.invalidListenAddress(text)
        }
        return (host, port)
    }
}
