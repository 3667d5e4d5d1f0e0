import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A real HTTP server on 127.0.0.1 (port 0) that records the body of every POST, for `run --webhook`.
final class HookReceiver: Sendable {
    let port: Int
    private let bodies: Bodies

    private init(port: Int, bodies: Bodies) {
        self.port = port
        self.bodies = bodies
    }

    private final class Bodies: Sendable {
        let list = Mutex<[String]>([])
    }

    var url: String { "http://127.0.0.1:\(port)/hooks/SECRET-PATH" }

    /// The JSON objects received so far.
    var received: [[String: Any]] {
        bodies.list.withLock { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Waits until `count` bodies arrived (or 30 s passed) and returns them.
    func waitFor(_ count: Int) async throws -> [[String: Any]] {
        let deadline = ContinuousClock.now + .seconds(30)
        while received.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return received
    }

    static func with<T: Sendable>(_ body: @Sendable (HookReceiver) async throws -> T) async throws -> T {
        let bodies = Bodies()
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            bodies.list.withLock { $0.append(String(buffer: buffer)) }
            return Response(status: .ok)
        }
        let quiet = Logger(label: "hook-receiver", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, portFound) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portFound.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
        let group = ServiceGroup(configuration: .init(services: [app], logger: quiet))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let receiver = HookReceiver(port: await iterator.next() ?? 0, bodies: bodies)
            do {
                let value = try await body(receiver)
                await group.triggerGracefulShutdown()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
