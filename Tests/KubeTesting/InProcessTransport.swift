import AsyncHTTPClient
import Foundation
import KubeAPI
import KubeSandbox
import NIOCore

/// Carries a `KubernetesClient`'s requests to a sandbox in-process (`Sandbox.respond`): no socket, no TLS, the same
/// answers. A whole answer arrives as `.bytes`, a watch as a `.stream` of the chunks the sandbox writes; a reader that
/// stops reading (or is cancelled) ends the watch on the sandbox. A connection dropped before the answer (an injected
/// fault) throws what AsyncHTTPClient throws for one, so the client classifies and retries it as over HTTP.
public struct InProcessTransport: APITransport {
    public let sandbox: Sandbox

    public init(sandbox: Sandbox) {
        self.sandbox = sandbox
    }

    public func execute(_ request: HTTPClientRequest, stream: APIStream, deadline: ContinuousClock.Instant?) async throws
        -> HTTPClientResponse
    {
        let body = try await Self.collect(request.body)
        let uri = try Self.pathAndQuery(of: request.url)
        let answer: SandboxResponse
        do {
            answer = try await Self.within(deadline) { [sandbox, headers = request.headers, method = request.method.rawValue] in
                try await sandbox.respond(method: method, uri: uri, headers: headers, body: body)
            }
        } catch let error as SandboxError where error.isConnectionClosed {
            throw HTTPClientError.remoteConnectionClosed
        }
        switch answer.body {
        case .whole(let bytes):
            return HTTPClientResponse(status: answer.status, headers: answer.headers, body: .bytes(bytes))
        case .stream(let chunks):
            // A connection dropped mid-watch throws the sandbox's error from the body: the client counts any error
            // there as a broken connection.
            return HTTPClientResponse(status: answer.status, headers: answer.headers, body: .stream(chunks))
        }
    }

    /// Nothing to release: the sandbox is the caller's to stop.
    public func shutdown() async throws {}

    private static func collect(_ body: HTTPClientRequest.Body?) async throws -> ByteBuffer? {
        guard let body else { return nil }
        var bytes = ByteBuffer()
        for try await var chunk in body { bytes.writeBuffer(&chunk) }
        return bytes
    }

    /// `/api/v1/pods?watch=true` of `http://host/api/v1/pods?watch=true`, still percent-encoded.
    static func pathAndQuery(of url: String) throws -> String {
        guard let components = URLComponents(string: url) else { throw HTTPClientError.invalidURL }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }

    /// `answer()`, or `HTTPClientError.deadlineExceeded` (as AsyncHTTPClient throws it) once `deadline` passes first.
    private static func within<T: Sendable>(
        _ deadline: ContinuousClock.Instant?, _ answer: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let deadline else { return try await answer() }
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await answer() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw HTTPClientError.deadlineExceeded
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw HTTPClientError.deadlineExceeded }
            return first
        }
    }
}
