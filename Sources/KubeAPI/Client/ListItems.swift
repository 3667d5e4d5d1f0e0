import Foundation
import NIOHTTP1

/// The objects of a LIST, page after page, each decoded as soon as its last byte arrives and handed on: no page is
/// collected. Each page's body is read as fast as it arrives and split into its objects' bytes (see `ListPageReader`),
/// so what waits for decoding is those bytes — at most the rest of the page — and nothing of the next page is asked
/// for before the consumer reaches it.
///
/// A page whose connection breaks while its body is read is read again, as a failed request is retried: a page
/// reached with a `continue` token with the same token and limit, the first page pinned to the resourceVersion it
/// was answered at (`resourceVersionMatch=Exact`). Either way the server answers the same page from the same snapshot,
/// and the objects already handed on are skipped. When that snapshot has been compacted meanwhile, the server's
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
        private var pieces: AsyncThrowingStream<ListPageReader.Piece, any Error>.AsyncIterator?
        /// The status and headers of the page being read, to say what came back when it is not a LIST.
        private var head: (status: Int, headers: HTTPHeaders) = (0, [:])
        /// Objects split from the page but not handed on yet, last first.
        private var ready: [[UInt8]] = []
        /// Objects handed on from the whole list.
        private var listYielded = 0
        /// Objects of the page being read that its reads have delivered (and so have been or are being handed on).
        private var pageDelivered = 0
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
                pieces = nil
                ready = []
                throw error
            }
        }

        private mutating func advance() async throws -> T? {
            while true {
                if let bytes = ready.popLast() {
                    let object = try decode(bytes)
                    listYielded += 1
                    return object
                }
                if finished { return nil }
                if pieces == nil { try await openPage() }
                try await readPiece()
            }
        }

        private mutating func openPage() async throws {
            request = pages.request(continuing: token, pinnedVersion: pinnedVersion)
            let response = try await pages.client.executeStreaming(request)
            head = (Int(response.status.code), response.headers)
            pieces = ListPageReader.read(response.body, skipping: pageDelivered, maxItemBytes: pages.client.options.maxObjectBytes)
                .makeAsyncIterator()
        }

        private mutating func readPiece() async throws {
            let piece: ListPageReader.Piece?
            do {
                piece = try await pieces?.next()
            } catch let broken as ListPageReader.Broken {
                try await readAgain(after: broken)
                return
            } catch let notAList as ListPageReader.NotAList {
                throw KubeAPIError.invalidResponse(describe(notAList), context: request.context)
            }
            switch piece {
            case .objects(let objects):
                pageDelivered += objects.count
                ready = objects.reversed()
            case .end(let metadata, let bytes):
                try endPage(metadata: metadata, bytes: bytes)
            case nil:
                // The reader stops early only when this task is cancelled.
                try Task.checkCancellation()
                throw CancellationError()
            }
        }

        /// The page's body ended: its metadata says where the list goes on.
        private mutating func endPage(metadata encoded: [UInt8]?, bytes: Int) throws {
            pieces = nil
            let metadata: ListMeta
            do {
                metadata = try encoded.map { try decoder.decode(ListMeta.self, from: Data($0)) } ?? ListMeta()
            } catch {
                throw KubeAPIError.invalidResponse(
                    "cannot decode the list's metadata: \(KubernetesClient.describe(error))", context: request.context)
            }
            pages.client.logger.trace("\(pages.client.requestLine(request)): received \(bytes) bytes, \(pageDelivered) objects")
            resourceVersion = metadata.resourceVersion ?? resourceVersion
            token = metadata.continue
            pinnedVersion = nil
            pageDelivered = 0
            pageFailures = 0
            finished = (token ?? "").isEmpty
        }

        /// The connection broke while the page's body was read: read the page again as the retry policy allows, or
        /// fail as a request whose connection broke.
        private mutating func readAgain(after broken: ListPageReader.Broken) async throws {
            let client = pages.client
            let failure = client.transportFailure(broken.underlying)
            await client.connectionFailed()
            pieces = nil
            pageFailures += 1
            if token == nil, pageDelivered > 0, pinnedVersion == nil { pinnedVersion = version(broken.metadata) }
            // A first page read without its resourceVersion cannot be read again as it was.
            let repeatable = token != nil || pageDelivered == 0 || pinnedVersion != nil
            guard repeatable, pageFailures < failure.attemptLimit(client.options.retry) else {
                client.countError(verb: request.context.verb, code: "transport")
                client.logger.debug("\(client.requestLine(request)) failed while its body was read: \(failure)")
                throw KubeAPIError.transport(failure, attempts: pageFailures, context: request.context)
            }
            let delay = client.options.retry.delay(beforeRetry: pageFailures, random: Double.random(in: 0..<1))
            client.logger.debug(
                "\(client.requestLine(request)) broke after \(pageDelivered) objects (\(failure)); reading the page again in \(delay)"
            )
            try await client.clock.sleep(for: delay)
        }

        /// Why a page is not a LIST answer; when it is not JSON at all, what came back instead.
        private func describe(_ notAList: ListPageReader.NotAList) -> String {
            let answer = AnswerExcerpt(status: head.status, headers: head.headers, opening: notAList.opening, size: nil)
            return answer.looksLikeJSON ? "\(notAList.malformed)" : "the answer is not JSON: \(answer.summary)"
        }

        /// The resourceVersion in a page's metadata, if it has one.
        private func version(_ metadata: [UInt8]?) -> String? {
            guard let metadata else { return nil }
            let version = (try? decoder.decode(ListMeta.self, from: Data(metadata)))?.resourceVersion
            return version?.isEmpty == false ? version : nil
        }

        private func decode(_ bytes: [UInt8]) throws -> T {
            do {
                return try decoder.decode(T.self, from: Data(bytes))
            } catch {
                throw KubeAPIError.invalidResponse(
                    "cannot decode item \(listYielded) of the list as \(T.self): \(KubernetesClient.describe(error, decoding: bytes))",
                    context: request.context)
            }
        }
    }
}
