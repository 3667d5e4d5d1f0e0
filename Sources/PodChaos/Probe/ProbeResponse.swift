/// One answer to a probe's request, as its transport read it.
public enum ProbeResponse: Sendable, Hashable {
    /// An HTTP answer: its status and the start of its body.
    case http(status: Int, body: String)
    /// A Prometheus instant query's value.
    case value(Double)
    /// No usable answer: a connection refused, a timeout, an answer that is not what the protocol says; one line.
    case failed(String)
}
