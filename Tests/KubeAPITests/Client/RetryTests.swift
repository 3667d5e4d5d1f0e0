import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

@Suite("Retries and error mapping over HTTP", .dedicatedThreads)
struct RetryTests {
    @Test("GET sends the token, the User-Agent and JSON Accept, and decodes the object")
    func getSendsHeaders() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let object = try await withClient(.testing(server.url)) { try await $0.get(TestObject.self, name: "cm") }
            #expect(object.data == ["k": "v"])
            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.path == "/api/v1/namespaces/demo/configmaps/cm")
            #expect(request.header("Authorization") == "Bearer test-token")
            #expect(request.header("User-Agent")?.hasPrefix("podchaosmonkey/") == true)
            #expect(request.header("Accept") == "application/json")
        }
    }

    @Test("5xx answers are retried for reads", arguments: [500, 502, 503, 504])
    func serverErrorsRetried(status: Int) async throws {
        try await ScriptedServer.with { _, index in
            index == 0 ? .respond(status: status, body: "upstream broke") : .respond(status: 200, body: configMapJSON)
        } run: { server in
            let object = try await withClient(.testing(server.url)) { try await $0.get(TestObject.self, name: "cm") }
            #expect(object.metadata.name == "cm")
            #expect(server.requests.count == 2)
        }
    }

    @Test("A reset connection is retried for reads")
    func resetRetried() async throws {
        try await ScriptedServer.with { _, index in
            index == 0 ? .reset : .respond(status: 200, body: configMapJSON)
        } run: { server in
            _ = try await withClient(.testing(server.url)) { try await $0.get(TestObject.self, name: "cm") }
            #expect(server.requests.count == 2)
        }
    }

    @Test("Other 4xx answers are never retried", arguments: [400, 403, 404, 409, 422])
    func clientErrorsNotRetried(status: Int) async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: status, body: #"{"kind":"Status","code":\#(status)}"#)
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { try await $0.get(TestObject.self, name: "cm") }
            }
            #expect(error?.httpStatus == status)
            #expect(server.requests.count == 1)
        }
    }

    @Test("Retries stop after maxAttempts and report the last answer")
    func retriesBounded() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 503, body: "busy")
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url), options: .testing(maxAttempts: 3)) {
                    try await $0.get(TestObject.self, name: "cm")
                }
            }
            #expect(server.requests.count == 3)
            #expect(error?.reason == .serviceUnavailable)
            #expect(error?.description.contains("busy") == true)
        }
    }

    @Test("A non-watch request that gets no answer fails with a read timeout")
    func readTimeout() async throws {
        try await ScriptedServer.with { _, _ in
            .stall
        } run: { server in
            let options = ClientOptions.testing(maxAttempts: 1, requestTimeout: .milliseconds(300))
            let error = await expectAPIError {
                try await withClient(.testing(server.url), options: options) { try await $0.get(TestObject.self, name: "cm") }
            }
            #expect(error?.isTimeout == true)
            #expect(error?.description.contains("get configmaps \"cm\" in namespace \"demo\"") == true)
        }
    }

    @Test("A create is sent once, even when the answer is a 503")
    func createNotRetried() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 503, body: "busy")
        } run: { server in
            let object = TestObject(metadata: ObjectMeta(name: "cm"), data: [:])
            _ = await expectAPIError {
                try await withClient(.testing(server.url)) { try await $0.create(object) }
            }
            #expect(server.requests.count == 1)
            #expect(server.requests.first?.method == "POST")
        }
    }

    @Test("A non-JSON error body is kept in the message")
    func nonJSONErrorBody() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 403, headers: [("Content-Type", "text/plain")], body: "denied by proxy")
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { try await $0.get(TestObject.self, name: "cm") }
            }
            #expect(error?.isForbidden == true)
            #expect(error?.description == "forbidden: cannot get configmaps \"cm\" in namespace \"demo\": denied by proxy")
        }
    }
}
