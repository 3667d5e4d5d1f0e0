import Foundation
import KubeTesting
import Logging
import Testing

@testable import KubeAPI

@Suite("Transport failures: classified, bounded, one line; requests logged", .dedicatedThreads)
struct TransportFailureTests {
    @Test("https to a plain-HTTP server fails at once, saying it does not speak TLS")
    func plainHTTPServer() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 200, body: configMapJSON)
        } run: { server in
            let https = try #require(URL(string: "https://127.0.0.1:\(server.port)"))
            let error = await expectAPIError {
                try await withClient(.testing(https), options: .testing(maxAttempts: 5)) { try await $0.get(TestObject.self, name: "cm") }
            }
            #expect(error?.isTLS == true)
            #expect(error?.description.contains("127.0.0.1:\(server.port) does not speak TLS") == true, "\(String(describing: error))")
            #expect(error?.description.contains("certificate") == false, "no certificate hint for a server without TLS")
            #expect(server.connections == 1, "not retried")
        }
    }

    @Test("A refused connection is retried briefly, then named with a hint")
    func refusedConnection() async throws {
        let refusing = try RefusingPort()
        let error = await expectAPIError {
            try await withClient(.testing(URL(string: refusing.url())!), options: .testing(maxAttempts: 5)) {
                try await $0.get(TestObject.self, name: "cm")
            }
        }
        withExtendedLifetime(refusing) {}
        #expect(error?.isTransport == true)
        #expect(error?.isTLS == false)
        let expected =
            "connection refused by 127.0.0.1:\(refusing.port) (is the API server running, and is this its address?); tried 3 times"
        #expect(error?.description.hasSuffix(expected) == true, "\(String(describing: error))")
    }

    @Test("A server that never answers is given up on after the request timeout, not retried")
    func neverAnswers() async throws {
        try await ScriptedServer.with { _, _ in
            .stall
        } run: { server in
            let options = ClientOptions.testing(maxAttempts: 5, requestTimeout: .milliseconds(500))
            let error = await expectAPIError {
                try await withClient(.testing(server.url), options: options) { try await $0.get(TestObject.self, name: "cm") }
            }
            #expect(error?.isTimeout == true)
            #expect(error?.description.contains("within the request timeout of 500ms") == true, "\(String(describing: error))")
            // Never a second attempt. On a loaded machine the first may not even reach the server within the 500 ms.
            #expect(server.requests.count <= 1)
        }
    }

    @Test("An HTML error page is described, not printed")
    func htmlPage() async throws {
        let page = "<!DOCTYPE html>\n<html><head><title>404</title></head><body>" + String(repeating: "x", count: 500) + "</body></html>"
        try await ScriptedServer.with { _, _ in
            .respond(status: 404, headers: [("Content-Type", "text/html")], body: page)
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { try await $0.get(TestObject.self, name: "cm") }
            }
            #expect(error?.isNotFound == true)
            #expect(error?.description.contains("an HTML page of \(page.utf8.count) bytes, not from a Kubernetes API server") == true)
            #expect(error?.description.contains("<") == false)
        }
    }

    @Test("Each request is one debug line (verb, URL, status, duration); retries and sizes are trace lines")
    func requestLogs() async throws {
        try await ScriptedServer.with { _, index in
            index == 0 ? .respond(status: 503, body: "busy") : .respond(status: 200, body: configMapJSON)
        } run: { server in
            let capture = LogCapture()
            try await KubernetesClient.withKubernetesClient(config: .testing(server.url), options: .testing(), logger: capture.logger) {
                _ = try await $0.get(TestObject.self, name: "cm")
            }
            let url = "http://127.0.0.1:\(server.port)/api/v1/namespaces/demo/configmaps/cm"
            let debug = capture.messages(at: .debug)
            #expect(debug.count == 1, "\(debug)")
            #expect(debug.first?.hasPrefix("GET \(url) 200 in ") == true, "\(debug)")
            #expect(debug.first?.hasSuffix(" ms") == true)
            let trace = capture.messages(at: .trace)
            #expect(trace.contains { $0.contains("retrying HTTP 503") }, "\(trace)")
            #expect(
                trace.contains { $0.hasSuffix("attempt 2: HTTP 200, sent 0 bytes, received \(configMapJSON.utf8.count) bytes") }, "\(trace)"
            )
            #expect(!(debug + trace).contains { $0.contains("test-token") })
        }
    }
}
