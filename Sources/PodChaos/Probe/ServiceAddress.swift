import Foundation

/// A Service and the path to call on one of its ports.
public struct ServiceAddress: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    /// A port number or name.
    public var port: String
    /// Starts with `/`.
    public var path: String

    public init(namespace: String, name: String, port: String, path: String) {
        self.namespace = namespace
        self.name = name
        self.port = port
        self.path = path
    }

    /// `service:NAMESPACE/NAME:PORT/PATH`, as written.
    public var description: String { "service:\(namespace)/\(name):\(port)\(path)" }

    /// `http://NAME.NAMESPACE.svc:PORT/PATH`: how a pod in the cluster reaches it; nil for a named port, which only
    /// the proxy resolves.
    public var clusterURL: URL? {
        guard Int(port) != nil else { return nil }
        return URL(string: "http://\(name).\(namespace).svc:\(port)\(path)")
    }
}
