import AsyncHTTPClient
import Foundation
import NIOCore

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

    /// Opens the streaming response, retrying the connection as a read; the body is the caller's to consume.
    func openStream(_ request: APIRequest) async throws -> HTTPClientResponse {
        var attempt = 0
        while true {
            attempt += 1
            try await limiter.acquire()
            let response: HTTPClientResponse
            do {
                response = try await send(request, stream: .watch)
            } catch let error as KubeAPIError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let failure = transportFailure(error)
                await connectionFailed()
                guard attempt < failure.attemptLimit(options.retry) else {
                    logger.debug("WATCH \(requestLine(request)) failed: \(failure)")
                    throw KubeAPIError.transport(failure, attempts: attempt, context: request.context)
                }
                logger.trace("WATCH \(requestLine(request)) attempt \(attempt) failed (\(failure)); retrying")
                try await Task.sleep(for: options.retry.delay(beforeRetry: attempt, random: Double.random(in: 0..<1)))
                continue
            }
            logger.debug("WATCH \(requestLine(request)) \(response.status.code) (stream opened)")
            let code = Int(response.status.code)
            if (200..<300).contains(code) { return response }
            let body = (try? await response.body.collect(upTo: 1024 * 1024)).map { Data($0.readableBytesView) } ?? Data()
            let answer = APIResponse(status: code, headers: response.headers, body: body, attempts: attempt)
            if code == 410 {
                throw KubeAPIError.watchExpired(status: try? JSONDecoder().decode(Status.self, from: body), context: request.context)
            }
            let retryable = [429, 500, 502, 503, 504].contains(code) && attempt < options.retry.maxAttempts
            guard retryable else { throw error(for: answer, request: request) }
            try await Task.sleep(for: options.retry.delay(beforeRetry: attempt, random: Double.random(in: 0..<1)))
        }
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
        Iterator(client: client, request: request, splitter: LineSplitter(maxLineBytes: client.options.maxWatchLineBytes))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let client: KubernetesClient
        let request: APIRequest
        var splitter: LineSplitter
        var body: HTTPClientResponse.Body.AsyncIterator?
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
            if body == nil { body = try await client.openStream(request).body.makeAsyncIterator() }
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
                throw KubeAPIError.invalidResponse(
                    "undecodable watch event: \(KubernetesClient.describe(error))", context: request.context)
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
