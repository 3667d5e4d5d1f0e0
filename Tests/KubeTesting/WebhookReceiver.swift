import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Testing

/// A real HTTP server (Hummingbird on 127.0.0.1, port 0) that records every POST and GET and answers as scripted; a test
/// awaits the arrival of a count of requests (`waitForRequests`), never polls for them.
public final class WebhookReceiver: Sendable {
    public typealias Script = @Sendable (ReceivedHook, Int) async -> ReceiverAnswer

    public let port: Int
    private let recorder: ArrivalLog<ReceivedHook>
    /// A `.hang` waits for the first entry.
    private let releases: ArrivalLog<Void>

    private init(port: Int, recorder: ArrivalLog<ReceivedHook>, releases: ArrivalLog<Void>) {
        self.port = port
        self.recorder = recorder
        self.releases = releases
    }

    public var requests: [ReceivedHook] { recorder.all }

    /// A Slack-like path and query full of secrets, so redaction is tested on every URL.
    public static let secretPath = "/services/T0SECRET/B0SECRET/xoxSECRET?token=QUERYSECRET"

    public func url(_ path: String = secretPath) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Ends every `.hang`.
    public func release() { releases.append(()) }

    /// Returns every request received so far, once at least `count` have arrived (or the test's task is cancelled).
    public func waitForRequests(_ count: Int) async -> [ReceivedHook] {
        await recorder.awaitCount(count)
    }

    /// Runs `body` with a receiver answering from `script`, and shuts it down (awaited) whether `body` returned or threw.
    public static func with<T: Sendable>(
        script: @escaping Script = { _, _ in .status(200) }, _ body: @Sendable (WebhookReceiver) async throws -> T
    ) async throws -> T {
        let recorder = ArrivalLog<ReceivedHook>()
        let releases = ArrivalLog<Void>()
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let hook = ReceivedHook(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers,
                body: String(buffer: buffer))
            let index = recorder.append(hook)
            switch await script(hook, index) {
            case .status(let code, let retryAfter):
                var fields = HTTPFields()
                if let retryAfter { fields[.retryAfter] = retryAfter }
                return Response(status: .init(code: code), headers: fields)
            case .body(let code, let text, let location):
                var fields = HTTPFields()
                if let location { fields[.location] = location }
                return Response(status: .init(code: code), headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
            case .hang:
                _ = await releases.awaitCount(1)
                return Response(status: .ok)
            }
        }
        router.post("**", use: respond)
        router.get("**", use: respond)
        let quiet = Logger(label: "webhook-receiver", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, portFound) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portFound.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
        let services = ServiceGroup(configuration: .init(services: [app], logger: quiet))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let receiver = WebhookReceiver(port: port, recorder: recorder, releases: releases)
            return try await scoped(
                receiver,
                tearDown: {
                    $0.release()
                    await services.triggerGracefulShutdown()
                }, body)
        }
    }
}
