import AsyncHTTPClient
import NIOCore

/// The last hop of every request `KubernetesClient` makes: one HTTP request out, its answer's head back with the body
/// still to be read. It is the seam, as client-go's `http.RoundTripper` is: everything above it (credentials headers,
/// the rate limit, retries, decoding, streamed LISTs, watches) is the client's and stays the same whatever carries
/// the request.
///
/// The default carries requests over HTTP(S) with AsyncHTTPClient (`HTTPTransport`); a test may pass one that answers
/// in-process instead.
public protocol APITransport: Sendable {
    /// Sends `request` and returns once the answer's head has arrived; the body is the caller's to read.
    ///
    /// - Parameters:
    ///   - stream: what the request is: a watch holds its answer open for minutes, anything else is read and done.
    ///   - deadline: when the whole answer must have arrived; nil means no deadline (a watch is bounded by its
    ///     server-side timeout and an idle read timeout instead).
    func execute(_ request: HTTPClientRequest, stream: APIStream, deadline: ContinuousClock.Instant?) async throws
        -> HTTPClientResponse

    /// Releases what the transport holds (connections, threads). Called once, by `KubernetesClient.shutdown()`.
    func shutdown() async throws
}

/// Which kind of exchange a request starts, so a transport can keep long-lived watches apart from short requests.
public enum APIStream: Sendable {
    /// A request read whole (or a LIST streamed to its end) within the request timeout.
    case request
    /// A watch: the answer streams events until the server's timeout.
    case watch
}
