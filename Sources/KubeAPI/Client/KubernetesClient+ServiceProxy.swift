import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension KubernetesClient {
    /// Sends one request to a Service through the API server's service proxy
    /// (`/api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH`), with this client's credentials, TLS trust and server
    /// identity checks, and returns what came back, whatever its status.
    ///
    /// It is one attempt, made at once: no retry, no wait on the client's rate limit, no re-authentication after a
    /// 401, and it does not count in `podchaosmonkey_api_errors_total`, so a probe sees every failure as it happened and
    /// neither delays nor is delayed by the client's other requests. At most `ProxyAnswer.maxBodyBytes` of the body are
    /// read.
    ///
    /// - Parameters:
    ///   - service: the Service's name.
    ///   - namespace: its namespace.
    ///   - port: the Service port, by number or name; nil sends `services/NAME/proxy/…`, for a Service whose one port
    ///     has no name.
    ///   - path: the path on the Service (`/`, `healthz`, `/api/v1/items`), without a query: each segment is
    ///     percent-encoded, so `?` and `#` are part of it. `.` and `..` segments are refused, as they would leave
    ///     the Service for another API path.
    ///   - timeout: the whole exchange's deadline, body included, on the wall clock.
    /// - Throws: `KubeAPIError`: `isTimeout` when no whole answer came within `timeout`, `isTransport` (`isTLS`) when
    ///   the connection failed, `invalidRequest` for a name, port or path that cannot be sent. Never for an HTTP status.
    public func proxy(
        service: String, namespace: String, port: String?, path: String, method: HTTPMethod = .GET, timeout: Duration
    ) async throws -> ProxyAnswer {
        let name = port.map { "\(service):\($0)" } ?? service
        let context = RequestContext(
            verb: Self.verb(of: method), resource: "services", subresource: "proxy", namespace: namespace, name: name)
        let request = APIRequest(
            method: method,
            path: try Self.serviceProxyPath(namespace: namespace, service: service, port: port, path: path, context: context),
            context: context, retry: .never)
        guard timeout > .zero else { throw KubeAPIError.invalidRequest("the timeout must be positive", context: context) }
        let start = ContinuousClock.now
        let deadline = start + timeout
        do {
            let head = try await send(request, accept: "*/*", deadline: deadline)
            let answer = try await Self.proxyAnswer(head, before: deadline)
            logger.debug("\(requestLine(request)) \(answer.status) in \(Self.milliseconds(since: start))")
            return answer
        } catch let error as KubeAPIError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let failure = transportFailure(error, requestTimeout: timeout)
            await connectionFailed()
            logger.debug("\(requestLine(request)) failed after \(Self.milliseconds(since: start)): \(failure)")
            throw KubeAPIError.transport(failure, attempts: 1, context: context)
        }
    }

    /// `/api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH`, every part percent-encoded.
    static func serviceProxyPath(namespace: String, service: String, port: String?, path: String, context: RequestContext) throws
        -> String
    {
        guard !namespace.isEmpty, !service.isEmpty, !service.contains(":"), port.map({ !$0.isEmpty && !$0.contains(":") }) ?? true
        else {
            throw KubeAPIError.invalidRequest(
                "a Service proxy needs a namespace, a Service name and, if any, a port, none empty or containing \":\"",
                context: context)
        }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.hasPrefix("/") { segments.removeFirst() }
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            throw KubeAPIError.invalidRequest(
                "the path \(EchoedText.quoted(path)) has a \".\" or \"..\" segment, which would leave the Service", context: context)
        }
        let id = port.map { "\(service):\($0)" } ?? service
        let suffix = segments.map { String($0).pathCharacters }.joined(separator: "/")
        return "/api/v1/namespaces/\(namespace.urlPathSegment)/services/\(id.urlPathSegment)/proxy/\(suffix)"
    }

    /// The Kubernetes verb the API server authorizes a proxied request of `method` as.
    static func verb(of method: HTTPMethod) -> String {
        switch method {
        case .GET, .HEAD: return "get"
        case .POST: return "create"
        case .PUT: return "update"
        case .PATCH: return "patch"
        case .DELETE: return "delete"
        default: return method.rawValue.lowercased()
        }
    }

    /// The answer with at most `ProxyAnswer.maxBodyBytes` of its body, read before `deadline` (the transport's deadline
    /// bounds the exchange only until the head has come); the rest is left unread (the connection is then closed, or
    /// the HTTP/2 stream reset).
    private static func proxyAnswer(_ head: HTTPClientResponse, before deadline: ContinuousClock.Instant) async throws
        -> ProxyAnswer
    {
        try await withThrowingTaskGroup(of: ProxyAnswer?.self) { group in
            group.addTask { try await proxyAnswer(head) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let answer = try await group.next() ?? nil else { throw HTTPClientError.deadlineExceeded }
            return answer
        }
    }

    private static func proxyAnswer(_ head: HTTPClientResponse) async throws -> ProxyAnswer {
        var bytes: [UInt8] = []
        var truncated = false
        for try await chunk in head.body {
            let room = ProxyAnswer.maxBodyBytes - bytes.count
            bytes += chunk.readableBytesView.prefix(room)
            if chunk.readableBytes > room {
                truncated = true
                break
            }
        }
        let status = try? JSONDecoder().decode(Status.self, from: Data(bytes))
        let isStatus = status?.kind == "Status"
        return ProxyAnswer(
            status: Int(head.status.code), body: String(decoding: bytes, as: UTF8.self), isBodyTruncated: truncated,
            message: isStatus ? status?.message : nil, reason: isStatus ? status?.reason : nil)
    }
}

extension String {
    /// Percent-encodes all but the characters RFC 3986 allows in a path segment as they are: unreserved, sub-delims,
    /// `:` and `@`.
    fileprivate var pathCharacters: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
                UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
