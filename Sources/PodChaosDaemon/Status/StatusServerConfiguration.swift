/// How the status server listens.
public struct StatusServerConfiguration: Sendable, Hashable {
    public var address: ListenAddress
    /// Sent as the `Server` header; nil sends none.
    public var serverName: String?
    /// A connection that completes no request part for this long is closed: an idle keep-alive, or a client that sends
    /// half a header and stalls.
    public var idleTimeout: Duration
    /// Connections served at once; more wait in the listen backlog until one closes, so descriptors never run out.
    public var maxConnections: Int

    public init(
        address: ListenAddress = ListenAddress(port: 8080), serverName: String? = nil, idleTimeout: Duration = .seconds(10),
        maxConnections: Int = 128
    ) {
        self.address = address
        self.serverName = serverName
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// From the `--metrics-address` flag value.
    public init(metricsAddress: String, serverName: String? = nil) throws(ListenAddressError) {
        self.init(address: try ListenAddress(parsing: metricsAddress), serverName: serverName)
    }
}
