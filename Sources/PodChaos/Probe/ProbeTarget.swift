import Foundation

/// What a probe calls: a URL the user named, a Service the user named, or a PromQL query on a Prometheus server the
/// user named. Nothing else is ever sent to.
public enum ProbeTarget: Sendable, Hashable {
    /// `http://…` or `https://…`: called directly.
    case http(URL)
    /// `service:NAMESPACE/NAME:PORT/PATH`: the Service's cluster DNS name from inside the cluster, the API server's
    /// service proxy from outside.
    case service(ServiceAddress)
    /// `prometheus:URL`: an instant query (`/api/v1/query`) on that server.
    case prometheus(server: URL, query: String)

    /// The kind as reports and metrics name it.
    public var kind: String {
        switch self {
        case .http: "http"
        case .service: "service"
        case .prometheus: "prometheus"
        }
    }
}
