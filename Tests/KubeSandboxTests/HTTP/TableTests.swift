import Foundation
import KubeSandbox
import KubeTesting
import Testing

/// `kubectl get` asks for a Table; these check the columns and cells kubectl prints.
@Suite(.dedicatedThreads) struct TableTests {
    static let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"

    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var manifest: String
        var columns: [String]
        var firstRow: [JSONValue]
        var testDescription: String { path }
    }

    static let cases: [Case] = [
        Case(
            path: "/api/v1/namespaces/default/pods",
            manifest: """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"restartCount":2},{"name":"b","ready":false,"restartCount":1}]}}
                """,
            columns: ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node"],
            firstRow: [.string("web"), .string("1/2"), .string("Running"), .string("3")]),
        Case(
            path: "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
            manifest: """
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web"},"spec":{"minAvailable":2},
                 "status":{"disruptionsAllowed":1}}
                """,
            columns: ["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"],
            firstRow: [.string("web"), .string("2"), .string("N/A"), .number(1)]),
        Case(
            path: "/api/v1/namespaces/default/events",
            manifest: """
                {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e"},"type":"Normal","reason":"ChaosPodKilled",
                 "note":"pod web deleted","regarding":{"kind":"Pod","name":"web"},"eventTime":"2026-11-25T11:54:21.526560Z",
                 "reportingController":"x","reportingInstance":"y","action":"DeletePod"}
                """,
            columns: ["Last Seen", "Type", "Reason", "Object", "Message"],
            firstRow: [.string("Normal"), .string("ChaosPodKilled"), .string("pod/web"), .string("pod web deleted")]),
    ]

    @Test(arguments: cases)
    func tableHasKubectlColumns(_ testCase: Case) async throws {
        try await TestClient.withSandbox(SandboxOptions(tls: false, controllers: false)) { sandbox, client in
            try await sandbox.load(testCase.manifest)
            let table = try #require(try await client.send(.GET, testCase.path, accept: Self.accept).json)
            #expect(table["kind"]?.stringValue == "Table")
            #expect(table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == testCase.columns)
            let cells = try #require(table["rows"]?.arrayValue?.first?["cells"]?.arrayValue)
            // Events lead with a relative time; compare the columns after it.
            let compared = testCase.columns.first == "Last Seen" ? Array(cells.dropFirst()) : Array(cells.prefix(testCase.firstRow.count))
            #expect(compared == testCase.firstRow)
            #expect(table["rows"]?.arrayValue?.first?[path: ["object", "kind"]]?.stringValue == "PartialObjectMetadata")
        }
    }
}
