import Foundation
import KubeTesting
import Testing

@testable import KubeAPI

@Suite("DELETE and eviction: never a second victim", .dedicatedThreads)
struct KillTests {
    static let podBody = WatchTests.podJSON("web-1", rv: "9")
    static let budgetRefusal =
        #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Cannot evict pod as it would violate the pod's disruption budget.","reason":"TooManyRequests","details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget web-pdb needs 3 healthy pods and has 3 currently"}]},"code":429}"#

    @Test("An eviction refused by a PodDisruptionBudget is its own error and is not retried")
    func evictionRefusalNotRetried() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 429, body: Self.budgetRefusal)
        } run: { server in
            let options = DeleteOptions(preconditions: .init(uid: "uid-web-1"))
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { try await $0.evict(name: "web-1", options: options) }
            }
            #expect(error?.isDisruptionBudgetRefusal == true)
            #expect(
                error?.description
                    == "too many requests: cannot create pods/eviction \"web-1\" in namespace \"demo\": Cannot evict pod as it would violate the pod's disruption budget."
            )
            #expect(server.requests.count == 1)
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/api/v1/namespaces/demo/pods/web-1/eviction")
            let body = try JSONDecoder().decode(Eviction.self, from: Data(request.body.utf8))
            #expect(body.kind == "Eviction")
            #expect(body.metadata.name == "web-1")
            #expect(body.deleteOptions?.preconditions?.uid == "uid-web-1")
        }
    }

    @Test("A guarded DELETE whose answer was lost, then 404, is reported gone after the retry: the lost attempt was applied")
    func lostAnswerThenNotFound() async throws {
        try await ScriptedServer.with { _, index in
            index == 0 ? .reset : .respond(status: 404, body: #"{"kind":"Status","reason":"NotFound","code":404}"#)
        } run: { server in
            let outcome = try await withClient(.testing(server.url)) {
                try await $0.delete(Pod.self, name: "web-1", options: DeleteOptions(preconditions: .init(uid: "uid-web-1")))
            }
            #expect(outcome == .goneAfterRetry)
            #expect(server.requests.count == 2)
            #expect(server.requests.allSatisfy { $0.body.contains("uid-web-1") })
        }
    }

    @Test("A guarded eviction retried into a UID conflict (the name was reused) is gone after the retry")
    func retriedIntoConflict() async throws {
        try await ScriptedServer.with { _, index in
            index == 0
                ? .respond(status: 503, body: "apiserver restarting")
                : .respond(status: 409, body: #"{"kind":"Status","reason":"Conflict","code":409}"#)
        } run: { server in
            let outcome = try await withClient(.testing(server.url)) {
                try await $0.evict(name: "web-1", options: DeleteOptions(preconditions: .init(uid: "uid-web-1")))
            }
            #expect(outcome == .goneAfterRetry)
            #expect(server.requests.count == 2)
        }
    }

    @Test("A DELETE without a UID precondition is sent once, even when the connection drops")
    func unguardedDeleteNotRetried() async throws {
        try await ScriptedServer.with { _, _ in
            .reset
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) { try await $0.delete(Pod.self, name: "web-1") }
            }
            #expect(error?.isTransport == true)
            #expect(server.requests.count == 1)
        }
    }

    @Test("A first-attempt UID conflict is an error, not a success")
    func firstAttemptConflictIsError() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(
                status: 409,
                body:
                    #"{"kind":"Status","reason":"Conflict","message":"Precondition failed: UID in precondition: uid-web-1, UID in object meta: other","code":409}"#
            )
        } run: { server in
            let error = await expectAPIError {
                try await withClient(.testing(server.url)) {
                    try await $0.delete(Pod.self, name: "web-1", options: DeleteOptions(preconditions: .init(uid: "uid-web-1")))
                }
            }
            #expect(error?.isConflict == true)
        }
    }

    @Test("Server dry-run is sent as dryRun=All on the eviction")
    func evictionDryRun() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(status: 201, body: #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}"#)
        } run: { server in
            let outcome = try await withClient(.testing(server.url)) {
                try await $0.evict(name: "web-1", options: DeleteOptions(dryRun: ["All"]))
            }
            #expect(outcome == .accepted)
            #expect(server.requests.first?.query["dryRun"] == "All")
        }
    }

    @Test("setReplicas patches the scale subresource with a merge patch")
    func scaleSubresource() async throws {
        try await ScriptedServer.with { _, _ in
            .respond(
                status: 200,
                body:
                    #"{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"demo"},"spec":{"replicas":0},"status":{"replicas":3,"selector":"app=web"}}"#
            )
        } run: { server in
            let scale = try await withClient(.testing(server.url)) { try await $0.setReplicas(Deployment.self, name: "web", replicas: 0) }
            #expect(scale.spec?.replicas == 0)
            let request = try #require(server.requests.first)
            #expect(request.method == "PATCH")
            #expect(request.path == "/apis/apps/v1/namespaces/demo/deployments/web/scale")
            #expect(request.header("Content-Type") == "application/merge-patch+json")
            #expect(request.body == #"{"spec":{"replicas":0}}"#)
        }
    }
}
