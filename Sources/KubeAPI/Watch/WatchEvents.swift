import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension KubernetesClient {
    /// Opens a watch lazily, on the first `next()`. The sequence ends when the server closes the stream (its
    /// `timeoutSeconds` elapsed); an ERROR event is thrown as a `KubeAPIError` (`isWatchExpired` for 410).
    public func watch<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, allNamespaces: Bool = false, options: WatchOptions = WatchOptions()
    ) -> WatchEvents<T> {
        let descriptor = T.resource
        let namespace = allNamespaces ? nil : resolvedNamespace(namespace, for: descriptor)
        let minimum = max(1, Int(options.minimumTimeout(self.options.minWatchTimeout)))
        let request = APIRequest(
            method: .GET, path: descriptor.collectionPath(namespace: namespace),
            query: options.queryItems(defaultTimeout: Int.random(in: minimum..<(2 * minimum))),
            context: RequestContext(verb: "watch", resource: descriptor.resource, namespace: namespace), retry: .read)
        return WatchEvents(client: self, request: request)
    }
}

extension WatchOptions {
    fileprivate func minimumTimeout(_ duration: Duration) -> Double { duration.seconds }
}

/// The events of one watch request, decoded line by line as they arrive.
public struct WatchEvents<T: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<T>

    let client: KubernetesClient
    let request: APIRequest

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, request: request, splitter: LineSplitter(maxLineBytes: client.options.maxObjectBytes))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let client: KubernetesClient
        let request: APIRequest
        var splitter: LineSplitter
        var body: HTTPClientResponse.Body.AsyncIterator?
        /// The answer's status and headers, to say what came back when it is not a stream of events.
        var head: (status: Int, headers: HTTPHeaders)?
        var lines: [[UInt8]] = []
        var finished = false

        init(client: KubernetesClient, request: APIRequest, splitter: LineSplitter) {
            self.client = client
            self.request = request
            self.splitter = splitter
        }

        /// Sends the watch request and returns once the server has accepted it (its response head), so a refusal
        /// (forbidden, 410) surfaces before any event is awaited. `next()` opens it itself when this was not called.
        public mutating func open() async throws {
            guard body == nil else { return }
            let response = try await client.executeStreaming(request, watch: true)
            head = (Int(response.status.code), response.headers)
            body = response.body.makeAsyncIterator()
        }

        public mutating func next() async throws -> WatchEvent<T>? {
            while true {
                if !lines.isEmpty { return try decode(lines.removeFirst()) }
                if finished { return nil }
                try await open()
                let chunk: ByteBuffer?
                do {
                    chunk = try await body?.next()
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    throw KubeAPIError.transport(client.transportFailure(error), attempts: 1, context: request.context)
                }
                if let chunk {
                    do {
                        lines = try splitter.append(chunk.readableBytesView)
                    } catch {
                        throw KubeAPIError.invalidResponse("\(error)", context: request.context)
                    }
                } else {
                    finished = true
                    if let last = splitter.finish() { lines = [last] }
                }
            }
        }

        private func decode(_ line: [UInt8]) throws -> WatchEvent<T> {
            let event: WatchEvent<T>
            do {
                event = try KubeJSON.decoder().decode(WatchEvent<T>.self, from: Data(line))
            } catch {
                let answer = AnswerExcerpt(status: head?.status ?? 0, headers: head?.headers ?? [:], opening: line, size: nil)
                let problem =
                    answer.looksLikeJSON ? KubernetesClient.describe(error, decoding: line) : "the stream is not JSON: \(answer.summary)"
                throw KubeAPIError.invalidResponse("undecodable watch event: \(problem)", context: request.context)
            }
            if case .status(let status) = event.payload {
                if status.code == 410 || status.reason == StatusReason.expired.rawValue || status.reason == StatusReason.gone.rawValue {
                    throw KubeAPIError.watchExpired(status: status, context: request.context)
                }
                throw KubeAPIError.fromResponse(httpStatus: status.code ?? 500, status: status, body: nil, context: request.context)
            }
            return event
        }
    }
}
