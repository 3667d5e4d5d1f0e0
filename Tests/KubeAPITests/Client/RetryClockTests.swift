import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

/// The waits of the retry policy on the client's clock (`ClientOptions.clock`): a test moves it, nothing sleeps.
@Suite("Retry waits on the client's clock", .dedicatedThreads, .timeLimit(.minutes(1)))
struct RetryClockTests {
    static let tooMany = #"{"kind":"Status","code":429,"reason":"TooManyRequests"}"#

    @Test("A 429's Retry-After is waited exactly, on the client's clock, before the request is sent again")
    func retryAfterOnClock() async throws {
        try await ScriptedServer.with { _, index in
            index == 0
                ? .respond(status: 429, headers: [("Retry-After", "7")], body: Self.tooMany)
                : .respond(status: 200, body: configMapJSON)
        } run: { server in
            let clock = SteppingClock()
            let object = try await withClient(.testing(server.url), options: .testing(clock: clock)) { client in
                try await withThrowingTaskGroup { group in
                    group.addTask { try await client.get(TestObject.self, name: "cm") }
                    await clock.sleeping { $0.map(\.offset) == [.seconds(7)] }
                    #expect(server.requests.count == 1, "not sent again before the wait ends")
                    clock.advance(by: .seconds(7))
                    return try await group.next()
                }
            }
            #expect(object?.metadata.name == "cm")
            #expect(server.requests.count == 2)
        }
    }

    @Test("The request timeout is a budget on the client's clock: a Retry-After past what is left is not waited")
    func budgetOnClock() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 429, headers: [("Retry-After", "101")], body: Self.tooMany)
        } run: { server in
            let clock = SteppingClock()
            // Each attempt's real deadline is what is left of the budget: a large budget keeps a loaded machine's slow
            // answer from timing out an attempt the test did not mean to fail.
            var options = ClientOptions.testing(requestTimeout: .seconds(200), clock: clock)
            options.retry.maxRetryAfter = .seconds(120)
            let error = await expectAPIError {
                try await withClient(.testing(server.url), options: options) { client in
                    try await withThrowingTaskGroup { group in
                        group.addTask { _ = try await client.get(TestObject.self, name: "cm") }
                        // 101 s fit in the 200 s budget once; a second 101 s wait would end past it.
                        await clock.sleeping { $0.map(\.offset) == [.seconds(101)] }
                        clock.advance(by: .seconds(101))
                        try await group.waitForAll()
                    }
                }
            }
            #expect(error?.httpStatus == 429)
            #expect(server.requests.count == 2)
            #expect(clock.now.offset == .seconds(101))
        }
    }
}
