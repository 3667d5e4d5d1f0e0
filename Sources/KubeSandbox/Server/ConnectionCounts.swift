/// How many TCP connections a sandbox has accepted since it started, and what they spoke.
///
/// A connection whose TLS handshake failed counts as accepted only. Over TLS, a client that offers no ALPN protocol
/// (or only `http/1.1`) speaks HTTP/1.1, as with kube-apiserver.
public struct ConnectionCounts: Sendable, Hashable {
    public enum Version: Sendable, Hashable {
        case http1
        case http2
    }

    public var accepted = 0
    /// Connections that spoke HTTP/1.1 (plain HTTP always does).
    public var http1 = 0
    /// Connections that negotiated HTTP/2 (ALPN `h2`); each carries any number of requests, one stream each.
    public var http2 = 0

    public init(accepted: Int = 0, http1: Int = 0, http2: Int = 0) {
        self.accepted = accepted
        self.http1 = http1
        self.http2 = http2
    }
}
