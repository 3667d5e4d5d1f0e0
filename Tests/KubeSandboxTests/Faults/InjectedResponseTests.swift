import Foundation
import KubeAPI
import KubeSandbox
import Testing

@Suite("Injected fault responses")
struct InjectedResponseTests {
    @Test(
        "status bodies carry the reason clients act on, and Retry-After when asked",
        arguments: [
            (InjectedStatus(code: 429, retryAfterSeconds: 2), "TooManyRequests", "Too many requests, please try again later.", "2"),
            (InjectedStatus(code: 503), "ServiceUnavailable", "the server is currently unable to handle the request", nil),
            (
                InjectedStatus(code: 503, retryAfterSeconds: 1), "ServiceUnavailable",
                "the server is currently unable to handle the request", "1"
            ),
            (InjectedStatus(code: 500, message: "etcd is down"), "InternalError", "Internal error occurred: etcd is down", nil),
        ])
    func statusBody(injected: InjectedStatus, reason: String, message: String, retryAfter: String?) throws {
        let body = injected.body
        #expect(body.code == injected.code)
        #expect(body.reason == reason)
        #expect(body.message == message)
        #expect(body.status == "Failure")
        #expect(body.details?.retryAfterSeconds == injected.retryAfterSeconds)
        #expect(injected.headers.first { $0.name == "Retry-After" }?.value == retryAfter)
        // What a KubeAPI client makes of it: the reason it retries on.
        let decoded = try KubeJSON.decoder().decode(KubeAPI.Status.self, from: KubeJSON.encoder().encode(body))
        #expect(StatusReason(rawValue: decoded.reason ?? "") == StatusReason(httpStatus: injected.code))
    }

    @Test("the expired-watch event equals the captured ERROR line")
    func expiredWatch() throws {
        let captured = try CapturedFixture.data("watch-410-gone.ndjson").split(separator: UInt8(ascii: "\n")).first
        let line = try #require(captured)
        let expected = try JSONValue(data: Data(line))
        #expect(ExpiredWatch.event(requested: "361", current: "447") == expected)
    }
}
