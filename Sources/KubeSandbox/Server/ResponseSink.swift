import NIOCore
import NIOHTTP1

/// Where the answer to one request goes: an HTTP connection (`ConnectionHandler`) or an in-process caller
/// (`Sandbox.respond`). `RequestResponder` writes every answer through one, so both paths share fault handling,
/// routing and watch streaming.
protocol ResponseSink: Sendable {
    /// A whole answer: its head and body at once.
    func answer(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer) async throws
    /// The head of a streamed answer (a watch); `write` sends its body chunk by chunk and `end` ends it.
    func startStream(headers: HTTPHeaders) async throws
    func write(_ chunk: ByteBuffer) async throws
    func end() async throws
    /// Runs `action` once when the client goes (its connection closes, or the in-process reader stops reading), even
    /// long after this exchange has ended.
    func onClose(_ action: @escaping @Sendable () -> Void)
    /// Breaks the connection as a network failure would, with nothing answered.
    func drop()
}
