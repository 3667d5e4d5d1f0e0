import AsyncHTTPClient
import NIOCore

/// Reads the body of one LIST page as fast as it arrives and splits it into its objects' bytes, in a task of its own
/// so that decoding never holds up the network.
///
/// Over HTTP/2 the server may send a whole page before the client asks for more (AsyncHTTPClient opens an 8 MiB stream
/// window), and each DATA frame that waits unread is a slice that pins NIO's receive buffer, many times the frame's
/// size. Read at once, every chunk is released as soon as it is split, and what the network delivered ahead of
/// decoding waits as the objects' own bytes: at most the rest of the page.
struct ListPageReader {
    enum Piece: Sendable {
        /// Objects completed by a chunk, in order.
        case objects([[UInt8]])
        /// The body ended where the answer ends: its `metadata` object, if it had one, and the body's length.
        case end(metadata: [UInt8]?, bytes: Int)
    }

    /// The connection failed while the body was read.
    struct Broken: Error {
        let underlying: any Error
        /// The answer's `metadata` object, when it had arrived before the break.
        let metadata: [UInt8]?
    }

    /// The body is not a LIST answer: why, and the body's first bytes, to say what came back instead.
    struct NotAList: Error {
        let malformed: ListItemSplitter.Malformed
        let opening: [UInt8]
    }

    /// The pieces of `body`, without its first `skipping` objects. The stream fails with `Broken` when the connection
    /// does, and with `NotAList` on an answer that is not a LIST. Reading stops when the stream is dropped.
    static func read(_ body: HTTPClientResponse.Body, skipping: Int, maxItemBytes: Int) -> AsyncThrowingStream<Piece, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Piece, any Error>.makeStream()
        let task = Task {
            do {
                try await split(body, skipping: skipping, maxItemBytes: maxItemBytes) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private static func split(
        _ body: HTTPClientResponse.Body, skipping: Int, maxItemBytes: Int, emit: (Piece) -> Void
    ) async throws {
        var splitter = ListItemSplitter(maxItemBytes: maxItemBytes)
        var chunks = body.makeAsyncIterator()
        var skip = skipping
        var opening: [UInt8] = []
        while true {
            let chunk: ByteBuffer?
            do {
                chunk = try await chunks.next()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw Broken(underlying: error, metadata: splitter.metadata)
            }
            guard let chunk else { break }
            if opening.count < AnswerExcerpt.openingBytes {
                opening += chunk.readableBytesView.prefix(AnswerExcerpt.openingBytes - opening.count)
            }
            var objects: [[UInt8]]
            do {
                objects = try splitter.append(chunk.readableBytesView)
            } catch let malformed as ListItemSplitter.Malformed {
                throw NotAList(malformed: malformed, opening: opening)
            }
            if skip > 0 {
                let skipped = min(skip, objects.count)
                objects.removeFirst(skipped)
                skip -= skipped
            }
            if !objects.isEmpty { emit(.objects(objects)) }
        }
        do {
            emit(.end(metadata: try splitter.finish(), bytes: splitter.consumed))
        } catch let malformed as ListItemSplitter.Malformed {
            throw NotAList(malformed: malformed, opening: opening)
        }
    }
}
