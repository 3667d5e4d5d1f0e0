import AsyncHTTPClient
import Foundation
import NIOCore

/// The objects of a LIST, page after page, each decoded as soon as its last byte arrives: a page is never held
/// whole, only the object being read and the chunk it arrived in.
///
/// A page whose connection breaks while its body is read is read again, as a failed request is retried: a page
/// reached with a `continue` token with the same token and limit, the first page pinned to the resourceVersion it
/// was answered at (`resourceVersionMatch=Exact`). Either way the server answers the same page from the same snapshot,
/// and the objects already handed out are skipped. When that snapshot has been compacted meanwhile, the server's
/// 410 Expired fails the LIST.
public struct ListItems<T: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = T

    let pages: ListPages<T>

    public func makeAsyncIterator() -> Iterator { Iterator(pages: pages) }

    public struct Iterator: AsyncIteratorProtocol {
        let pages: ListPages<T>
        /// The list's resourceVersion, once a page's metadata has been read: after the last object, the version a
        /// watch of the same objects starts from.
        public private(set) var resourceVersion: String?
        /// The `continue` token of the page being read; nil for the first page.
        private var token: String?
        /// Set to read the first page again as it was answered, after its connection broke.
        private var pinnedVersion: String?
        private var request: APIRequest
        private var body: HTTPClientResponse.Body.AsyncIterator?
        private var splitter = ListItemSplitter(maxItemBytes: KubernetesClient.maxBodyBytes)
        /// Objects split from the body but not handed out yet, last first.
        private var ready: [[UInt8]] = []
        /// Objects handed out from the whole list, and from the page being read.
        private var listYielded = 0
        private var pageYielded = 0
        /// Reads of the page being read that the connection broke.
        private var pageFailures = 0
        private var finished = false
        private let decoder = KubeJSON.decoder()

        init(pages: ListPages<T>) {
            self.pages = pages
            self.token = pages.options.continue
            self.request = pages.request(continuing: pages.options.continue)
        }

        public mutating func next() async throws -> T? {
            do {
                return try await advance()
            } catch {
                finished = true
                body = nil
                ready = []
                throw error
            }
        }

        private mutating func advance() async throws -> T? {
            while true {
                if let bytes = ready.popLast() {
                    let object = try decode(bytes)
                    listYielded += 1
                    pageYielded += 1
                    return object
                }
                if finished { return nil }
                if body == nil { try await openPage() }
                try await readChunk()
            }
        }

        private mutating func openPage() async throws {
            request = pages.request(continuing: token, pinnedVersion: pinnedVersion)
            splitter = ListItemSplitter(maxItemBytes: KubernetesClient.maxBodyBytes)
            body = try await pages.client.executeStreaming(request).body.makeAsyncIterator()
        }

        private mutating func readChunk() async throws {
            let chunk: ByteBuffer?
            do {
                chunk = try await body?.next()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await readAgain(after: error)
                return
            }
            guard let chunk else { return try endPage() }
            let before = splitter.itemCount
            let objects: [[UInt8]]
            do {
                objects = try splitter.append(chunk.readableBytesView)
            } catch {
                throw KubeAPIError.invalidResponse("\(error)", context: request.context)
            }
            // On a page read again, the objects handed out before its connection broke come again: skip them.
            let handedOut = Swift.min(Swift.max(pageYielded - before, 0), objects.count)
            ready = objects.dropFirst(handedOut).reversed()
        }

        /// The page's body ended: its metadata says where the list goes on.
        private mutating func endPage() throws {
            body = nil
            pages.client.logger.trace(
                "\(pages.client.requestLine(request)): received \(splitter.consumed) bytes, \(splitter.itemCount) objects")
            let metadata: ListMeta
            do {
                metadata = try splitter.finish().map { try decoder.decode(ListMeta.self, from: Data($0)) } ?? ListMeta()
            } catch let malformed as ListItemSplitter.Malformed {
                throw KubeAPIError.invalidResponse("\(malformed)", context: request.context)
            } catch {
                throw KubeAPIError.invalidResponse(
                    "cannot decode the list's metadata: \(KubernetesClient.describe(error))", context: request.context)
            }
            resourceVersion = metadata.resourceVersion ?? resourceVersion
            token = metadata.continue
            pinnedVersion = nil
            pageYielded = 0
            pageFailures = 0
            finished = (token ?? "").isEmpty
        }

        /// The connection broke while the page's body was read: read the page again as the retry policy allows, or
        /// fail as a request whose connection broke.
        private mutating func readAgain(after error: any Error) async throws {
            let client = pages.client
            let failure = client.transportFailure(error)
            await client.connectionFailed()
            body = nil
            ready = []
            pageFailures += 1
            if token == nil, pageYielded > 0, pinnedVersion == nil { pinnedVersion = interruptedVersion() }
            // A first page read without its resourceVersion cannot be read again as it was.
            let repeatable = token != nil || pageYielded == 0 || pinnedVersion != nil
            guard repeatable, pageFailures < failure.attemptLimit(client.options.retry) else {
                client.countError(verb: request.context.verb, code: "transport")
                client.logger.debug("\(client.requestLine(request)) failed while its body was read: \(failure)")
                throw KubeAPIError.transport(failure, attempts: pageFailures, context: request.context)
            }
            let delay = client.options.retry.delay(beforeRetry: pageFailures, random: Double.random(in: 0..<1))
            client.logger.debug(
                "\(client.requestLine(request)) broke after \(splitter.itemCount) objects (\(failure)); reading the page again in \(delay)"
            )
            try await Task.sleep(for: delay)
        }

        /// The resourceVersion of the answer that broke, when its metadata arrived before the break.
        private func interruptedVersion() -> String? {
            guard let bytes = splitter.metadata else { return nil }
            let version = (try? decoder.decode(ListMeta.self, from: Data(bytes)))?.resourceVersion
            return version?.isEmpty == false ? version : nil
        }

        private func decode(_ bytes: [UInt8]) throws -> T {
            do {
                return try decoder.decode(T.self, from: Data(bytes))
            } catch {
                throw KubeAPIError.invalidResponse(
                    "cannot decode item \(listYielded) of the list as \(T.self): \(KubernetesClient.describe(error))",
                    context: request.context)
            }
        }
    }
}
