import Foundation
import NIOCore
import NIOHTTP1

/// Answers one request as the API server does: records it, injects the fault the plan chooses, authenticates,
/// routes, and writes the answer (streaming a watch until it ends). The one path of every request, whether it came over
/// a connection or in-process.
struct RequestResponder: Sendable {
    let router: APIRouter

    /// Larger bodies answer 413, as the real server caps request bodies (at 3 MiB).
    static let maximumBodyBytes = 3 * 1024 * 1024

    /// How an exchange ended.
    enum Outcome: Sendable {
        /// Answered; the connection may serve another request.
        case answered
        /// The connection was dropped (an injected fault) with nothing answered.
        case dropped
    }

    /// - Parameters:
    ///   - uri: the path and query as sent.
    ///   - bodyBytes: how many bytes the body had, which may be more than `request.body` holds.
    func respond(to request: APIRequest, uri: String, bodyBytes: Int, sink: some ResponseSink) async throws -> Outcome {
        let authenticated = await router.authenticate(request)
        var eventLimit: Int?
        // The admin endpoint is exempt, so a plan that drops everything can still be cleared.
        if request.segments.first != FaultsEndpoint.segments[0],
            let fault = await router.faults.decide(FaultRequest(verb: request.kubernetesVerb, path: uri, user: authenticated?.name))
        {
            switch fault.action {
            case .status(let injected):
                let response = APIResponse.json(
                    (try? JSONValue(encoding: injected.body)) ?? .null, status: injected.code,
                    headers: injected.headers.map { APIResponse.HTTPHeader(name: $0.name, value: $0.value) })
                try await write(response, to: sink)
                return .answered
            case .latency(let delay):
                try await router.faults.delay(delay)
            case .dropBeforeRequest:
                sink.drop()
                return .dropped
            case .dropAfterApply:
                if case .watch(let plan) = await router.handle(request, as: authenticated), let subscription = plan.subscription {
                    await router.store.stopWatch(subscription.id)
                }
                sink.drop()
                return .dropped
            case .cutWatchAfterEvents(let count):
                eventLimit = count
            case .expireNextWatch:
                let requested = request.parameter("resourceVersion") ?? "0"
                let event = ExpiredWatch.event(requested: requested, current: await router.store.currentResourceVersion)
                try await sink.startStream(headers: Self.commonHeaders(contentType: "application/json"))
                try await sink.write(ByteBuffer(bytes: event.jsonLine()))
                try await sink.end()
                return .answered
            case .restart:
                router.connections.closeAll()
                return .dropped
            }
        }
        let response: APIResponse
        if bodyBytes > Self.maximumBodyBytes {
            response = .error(
                StatusError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728"))
        } else {
            response = await router.handle(request, as: authenticated)
        }
        try await write(response, to: sink, eventLimit: eventLimit)
        return .answered
    }

    private func write(_ response: APIResponse, to sink: some ResponseSink, eventLimit: Int? = nil) async throws {
        switch response {
        case .full(let status, let payload, let contentType, let extraHeaders):
            var headers = Self.commonHeaders(contentType: contentType)
            for header in extraHeaders { headers.add(name: header.name, value: header.value) }
            headers.add(name: "content-length", value: String(payload.count))
            try await sink.answer(status: .init(statusCode: status), headers: headers, body: ByteBuffer(bytes: payload))
        case .watch(let plan):
            try await sink.startStream(headers: Self.commonHeaders(contentType: "application/json"))
            try await WatchStreamer(store: router.store, plan: plan, bookmarkInterval: router.bookmarkInterval, eventLimit: eventLimit)
                .stream(to: sink)
            try await sink.end()
        }
    }

    private static func commonHeaders(contentType: String) -> HTTPHeaders {
        HTTPHeaders([
            ("content-type", contentType), ("cache-control", "no-cache, private"), ("audit-id", UUID().uuidString.lowercased()),
        ])
    }
}
