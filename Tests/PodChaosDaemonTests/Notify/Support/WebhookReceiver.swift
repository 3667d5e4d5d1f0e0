import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import PodChaosDaemon

/// A request as the receiver saw it.
struct ReceivedHook: Sendable {
    var path: String
    var query: String?
    var headers: [String: String]
    var body: String

    func header(_ name: String) -> String? { headers[name.lowercased()] }
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
}

/// What the receiver answers to one request.
enum ReceiverAnswer: Sendable {
    case status(Int, retryAfter: String? = nil)
    /// Holds the request open until the test releases the receiver (at the latest when `with` returns), then answers 200.
    case hang
}

/// A real HTTP server (Hummingbird on 127.0.0.1, port 0) that records every POST and answers as scripted.
final class WebhookReceiver: Sendable {
    typealias Script = @Sendable (ReceivedHook, Int) async -> ReceiverAnswer

    let port: Int
    private let recorder: ArrivalLog<ReceivedHook>
    private let released: StopSignal

    private init(port: Int, recorder: ArrivalLog<ReceivedHook>, released: StopSignal) {
        self.port = port
        self.recorder = recorder
        self.released = released
    }

    var requests: [ReceivedHook] { recorder.all }

    /// A URL whose path and query play the part of the secret.
    /// A Slack-like path and query full of secrets, so redaction is tested on every URL.
    static let secretPath = "/services/T0SECRET/B0SECRET/xoxSECRET?token=QUERYSECRET"

    func url(_ path: String = secretPath) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Ends every `.hang`.
    func release() { released.trigger() }

    /// Returns every request received so far, once at least `count` have arrived.
    func waitForRequests(_ count: Int) async -> [ReceivedHook] {
        await recorder.awaitCount(count)
    }

    static func with<T: Sendable>(
        script: @escaping Script = { _, _ in .status(200) }, _ body: @Sendable (WebhookReceiver) async throws -> T
    ) async throws -> T {
        let recorder = ArrivalLog<ReceivedHook>()
        let released = StopSignal()
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let hook = ReceivedHook(path: request.uri.path, query: request.uri.query, headers: headers, body: String(buffer: buffer))
            let index = recorder.append(hook)
            switch await script(hook, index) {
            case .status(let code, let retryAfter):
                var fields = HTTPFields()
                if let retryAfter { fields[.retryAfter] = retryAfter }
                return Response(status: .init(code: code), headers: fields)
            case .hang:
                await released.wait()
                return Response(status: .ok)
            }
        }
        let (ports, portFound) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portFound.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "webhook-receiver", factory: { _ in SwiftLogNoOpLogHandler() }))
        let services = ServiceGroup(
            configuration: .init(services: [app], logger: Logger(label: "webhook-receiver", factory: { _ in SwiftLogNoOpLogHandler() })))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let receiver = WebhookReceiver(port: port, recorder: recorder, released: released)
            do {
                let value = try await body(receiver)
                released.trigger()
                await services.triggerGracefulShutdown()
                return value
            } catch {
                released.trigger()
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
