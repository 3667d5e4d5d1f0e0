import NIOCore
import NIOHTTP1

/// The answer to a request made in-process with `Sandbox.respond`, as a connection would carry it.
public struct SandboxResponse: Sendable {
    public enum Body: Sendable {
        /// A whole answer.
        case whole(ByteBuffer)
        /// A watch's newline-delimited events as the server writes them.
        case stream(Chunks)
    }

    public let status: HTTPResponseStatus
    public let headers: HTTPHeaders
    public let body: Body

    /// A streamed body. It ends when the watch ends and throws when the connection is dropped. Once it and every
    /// iterator of it are gone, or a reader is cancelled, the exchange closes, which ends the watch on the server as a
    /// closed connection would.
    public struct Chunks: AsyncSequence, Sendable {
        public typealias Element = ByteBuffer

        let chunks: AsyncThrowingStream<ByteBuffer, any Error>
        let closer: Closer

        public func makeAsyncIterator() -> Iterator {
            Iterator(chunks: chunks.makeAsyncIterator(), closer: closer)
        }

        public struct Iterator: AsyncIteratorProtocol {
            var chunks: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
            let closer: Closer

            public mutating func next() async throws -> ByteBuffer? {
                try await chunks.next()
            }
        }
    }

    /// Runs its action when the last body or iterator holding it goes.
    final class Closer: Sendable {
        private let action: @Sendable () -> Void

        init(_ action: @escaping @Sendable () -> Void) { self.action = action }

        deinit { action() }
    }
}
