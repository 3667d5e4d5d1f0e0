import Foundation
import KubeAPI
import Testing

/// One captured error response, the request that produced it, and what the error must say about it.
struct StatusCase: Sendable, CustomTestStringConvertible {
    let file: String
    let context: RequestContext
    let reason: StatusReason
    /// How the message starts and names the request, written out so a change of wording fails a test.
    let prefix: String
    var budgetRefusal = false

    var testDescription: String { file }
}

@Suite("Captured error responses map to KubeAPIError")
struct StatusFixtureTests {
    static let eviction = RequestContext(
        verb: "create", resource: "pods", subresource: "eviction", namespace: "demo", name: "nginx-747d4c55d8-b2w8h")

    static let cases: [StatusCase] = [
        StatusCase(
            file: "status-400-bad-json.json", context: RequestContext(verb: "create", resource: "pods", namespace: "demo"),
            reason: .badRequest, prefix: "bad request: cannot create pods in namespace \"demo\""),
        StatusCase(
            file: "status-401-unauthorized.json", context: RequestContext(verb: "list", resource: "pods", namespace: "demo"),
            reason: .unauthorized, prefix: "unauthorized: cannot list pods in namespace \"demo\""),
        StatusCase(
            file: "status-403-forbidden-create-pod.json",
            context: RequestContext(verb: "create", resource: "pods", namespace: "demo"),
            reason: .forbidden, prefix: "forbidden: cannot create pods in namespace \"demo\""),
        StatusCase(
            file: "status-403-forbidden-list-pods.json",
            context: RequestContext(verb: "list", resource: "pods", namespace: "kube-system"),
            reason: .forbidden, prefix: "forbidden: cannot list pods in namespace \"kube-system\""),
        StatusCase(
            file: "status-404-eviction-no-such-pod.json",
            context: RequestContext(verb: "create", resource: "pods", subresource: "eviction", namespace: "demo", name: "no-such-pod"),
            reason: .notFound, prefix: "not found: cannot create pods/eviction \"no-such-pod\" in namespace \"demo\""),
        StatusCase(
            file: "status-404-namespace-not-found.json",
            context: RequestContext(verb: "get", resource: "namespaces", name: "no-such-namespace"),
            reason: .notFound, prefix: "not found: cannot get namespaces \"no-such-namespace\""),
        StatusCase(
            file: "status-404-pod-not-found.json",
            context: RequestContext(verb: "get", resource: "pods", namespace: "demo", name: "no-such-pod"),
            reason: .notFound, prefix: "not found: cannot get pods \"no-such-pod\" in namespace \"demo\""),
        StatusCase(
            file: "status-405-method-not-allowed.json",
            context: RequestContext(verb: "patch", resource: "pods", subresource: "eviction", namespace: "demo", name: "fixture-pod"),
            reason: .methodNotAllowed,
            prefix: "method not allowed: cannot patch pods/eviction \"fixture-pod\" in namespace \"demo\""),
        StatusCase(
            file: "status-409-already-exists.json",
            context: RequestContext(verb: "create", resource: "pods", namespace: "demo", name: "fixture-pod"),
            reason: .alreadyExists, prefix: "already exists: cannot create pods \"fixture-pod\" in namespace \"demo\""),
        StatusCase(
            file: "status-409-conflict-stale-resourceversion.json",
            context: RequestContext(verb: "update", resource: "pods", namespace: "demo", name: "fixture-pod"),
            reason: .conflict, prefix: "conflict: cannot update pods \"fixture-pod\" in namespace \"demo\""),
        StatusCase(
            file: "status-409-delete-uid-precondition.json",
            context: RequestContext(verb: "delete", resource: "pods", namespace: "demo", name: "fixture-pod"),
            reason: .conflict, prefix: "conflict: cannot delete pods \"fixture-pod\" in namespace \"demo\""),
        StatusCase(
            file: "status-422-invalid.json", context: RequestContext(verb: "create", resource: "pods", namespace: "demo"),
            reason: .invalid, prefix: "invalid: cannot create pods in namespace \"demo\""),
        StatusCase(
            file: "eviction-429-pdb.json", context: eviction, reason: .tooManyRequests,
            prefix: "too many requests: cannot create pods/eviction \"nginx-747d4c55d8-b2w8h\" in namespace \"demo\"",
            budgetRefusal: true),
        StatusCase(
            file: "eviction-429-pdb-chaos-user.json", context: eviction, reason: .tooManyRequests,
            prefix: "too many requests: cannot create pods/eviction \"nginx-747d4c55d8-b2w8h\" in namespace \"demo\"",
            budgetRefusal: true),
    ]

    @Test(arguments: cases)
    func errorResponse(_ row: StatusCase) throws {
        let httpStatus = try Fixtures.httpStatus(row.file)
        let body = try Fixtures.data(row.file)
        let status = try KubeJSON.decoder().decode(Status.self, from: body)
        #expect(status.kind == "Status")
        #expect(status.status == "Failure")
        #expect(status.code == httpStatus)
        #expect(status.reason == row.reason.rawValue)

        let error = KubeAPIError.fromResponse(
            httpStatus: httpStatus, status: status, body: String(decoding: body, as: UTF8.self), context: row.context)
        #expect(error.reason == row.reason)
        #expect(error.httpStatus == httpStatus)
        #expect(error.isNotFound == (row.reason == .notFound))
        #expect(error.isForbidden == (row.reason == .forbidden))
        #expect(error.isConflict == (row.reason == .conflict))
        #expect(error.isAlreadyExists == (row.reason == .alreadyExists))
        #expect(error.isUnauthorized == (row.reason == .unauthorized))
        #expect(error.isDisruptionBudgetRefusal == row.budgetRefusal)
        #expect(!error.isWatchExpired)
        let message = try #require(status.message)
        #expect(error.description == "\(row.prefix): \(message)")
    }

    @Test func everyErrorFixtureHasARow() throws {
        let errorFixtures = try Fixtures.names().filter { $0.hasPrefix("status-") || $0.hasPrefix("eviction-429") }
        #expect(!errorFixtures.isEmpty)
        #expect(Set(errorFixtures) == Set(Self.cases.map(\.file)))
    }

    @Test func budgetRefusalNamesTheBudget() throws {
        let status = try Fixtures.decode(Status.self, from: "eviction-429-pdb.json")
        let cause = try #require(status.details?.causes?.first)
        #expect(cause.reason == "DisruptionBudget")
        #expect(cause.message?.contains("nginx-pdb") == true)
    }

    @Test(arguments: [
        RequestContext(verb: "list", resource: "pods", namespace: "demo"),
        RequestContext(verb: "create", resource: "pods", namespace: "demo"),
        RequestContext(verb: "get", resource: "pods", subresource: "eviction", namespace: "demo", name: "web-1"),
    ])
    func tooManyRequestsElsewhereIsNoBudgetRefusal(context: RequestContext) throws {
        let status = try Fixtures.decode(Status.self, from: "eviction-429-pdb.json")
        let error = KubeAPIError.fromResponse(httpStatus: 429, status: status, body: nil, context: context)
        #expect(error.reason == .tooManyRequests)
        #expect(!error.isDisruptionBudgetRefusal)
    }

    @Test func invalidCarriesFieldCauses() throws {
        let status = try Fixtures.decode(Status.self, from: "status-422-invalid.json")
        #expect(status.details?.causes?.compactMap(\.field) == ["metadata.name", "spec.containers"])
        #expect(status.details?.name == "Bad_Name")
    }
}
