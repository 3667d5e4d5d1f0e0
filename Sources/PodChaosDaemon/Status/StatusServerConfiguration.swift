/// How the status server listens.
public struct StatusServerConfiguration: Sendable, Hashable {
    public var address: ListenAddress
    /// Sent as the `Server` header; nil sends none.
    public var serverName: String?

    public init(address: ListenAddress = ListenAddress(port: 8080), serverName: String? = nil) {
        self.address = address
        self.serverName = serverName
    }

    /// From the `--metrics-address` flag value.
    public init(metricsAddress: String, serverName: String? = nil) throws(ListenAddressError) {
        self.init(address: try ListenAddress(parsing: metricsAddress), serverName: serverName)
    }
}
