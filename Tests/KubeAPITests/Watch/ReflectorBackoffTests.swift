import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

@Suite("Reflector backoff on virtual time", .dedicatedThreads, .timeLimit(.minutes(1)))
struct ReflectorBackoffTests {
    @Test("A watch that keeps failing is retried after 800 ms doubling to 30 s, jittered, on the client's clock")
    func backoffSchedule() async throws {
        let server = try await ScriptedServer { request, _ in
            request.query["watch"] == "true"
                ? .respond(status: 500, body: #"{"kind":"Status","code":500,"reason":"InternalError"}"#)
                : .respond(status: 200, body: #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"5"},"items":[]}"#)
        }
        let clock = SteppingClock()
        // One attempt per request: every sleep on the clock is the reflector's own backoff.
        let delays = try await withClient(.testing(server.url), options: .testing(maxAttempts: 1, clock: clock)) { client in
            try await withThrowingTaskGroup { group in
                group.addTask { for try await _ in Reflector<TestObject>(client: client).events() {} }
                var delays: [Duration] = []
                for failure in 1...8 {
                    let deadline = try #require(await clock.sleeping { !$0.isEmpty }.first)
                    let delay = clock.now.duration(to: deadline)
                    delays.append(delay)
                    // Each wait follows one more failed watch.
                    #expect(server.requests.filter { $0.query["watch"] == "true" }.count == failure)
                    clock.advance(by: delay)
                }
                group.cancelAll()
                return delays
            }
        }
        try await server.stop()
        // 800 ms doubling, capped at 30 s from the seventh wait on.
        let bases: [Duration] = [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30].map { .milliseconds(Int64($0 * 1000)) }
        for (delay, base) in zip(delays, bases) {
            // Full jitter: anywhere in [base/2, base × 1.5), never beyond the cap.
            #expect(delay >= base / 2 && delay <= min(base * 3 / 2, .seconds(30)), "\(delay) for \(base)")
        }
        #expect(zip(delays, bases).contains { $0 != $1 }, "jittered: \(delays)")
    }
}
