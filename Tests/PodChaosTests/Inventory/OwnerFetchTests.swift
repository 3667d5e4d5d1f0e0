import Testing

@testable import PodChaos

/// Which requests read a run's owners: GETs when few, one LIST per kind and scope when many.
@Suite("Owner fetch plan")
struct OwnerFetchTests {
    static func keys(_ count: Int, kind: String = "ReplicaSet", namespace: String = "demo") -> Set<OwnerKey> {
        Set((0..<count).map { OwnerKey(kind: kind, namespace: namespace, name: "\(kind)-\($0)", uid: "\(namespace)-\(kind)-\($0)") })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var needed: Set<OwnerKey>
        var clusterWide = false
        var listed: Set<OwnerFetch> = []
        var refused: Set<OwnerFetch> = []
        /// The expected LISTs as `kind/namespace` (`*` for every namespace), and the number of GETs.
        var lists: [String]
        var gets: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nothing needed, nothing sent", needed: [], lists: [], gets: 0),
        Case(name: "up to 8 owners of a kind: one GET each", needed: keys(8), lists: [], gets: 8),
        Case(
            name: "9 ReplicaSets: one LIST, with the Deployments they belong to in the same round",
            needed: keys(9), lists: ["Deployment/demo", "ReplicaSet/demo"], gets: 0),
        Case(
            name: "9 StatefulSets: one LIST of StatefulSets only", needed: keys(9, kind: "StatefulSet"), lists: ["StatefulSet/demo"],
            gets: 0),
        Case(
            name: "per namespace: many in one, few in another",
            needed: keys(20, namespace: "a").union(keys(2, namespace: "b")), lists: ["Deployment/a", "ReplicaSet/a"], gets: 2),
        Case(
            name: "cluster-wide: 5 namespaces of 2 add up to one LIST across all",
            needed: (0..<5).reduce(into: Set<OwnerKey>()) { $0.formUnion(keys(2, namespace: "ns-\($1)")) }, clusterWide: true,
            lists: ["Deployment/*", "ReplicaSet/*"], gets: 0),
        Case(
            name: "a scope listed already is not asked again: what it lacks does not exist",
            needed: keys(20, kind: "Deployment"), listed: [.list(kind: "Deployment", namespace: "demo")], lists: [], gets: 0),
        Case(
            name: "a scope whose LIST was refused is read one GET each",
            needed: keys(20, kind: "Deployment"), refused: [.list(kind: "Deployment", namespace: "demo")], lists: [], gets: 20),
        Case(
            name: "a refused Deployment LIST is not tried again beside a ReplicaSet LIST",
            needed: keys(9), refused: [.list(kind: "Deployment", namespace: "demo")], lists: ["ReplicaSet/demo"], gets: 0),
    ]

    @Test("Requests per kind and scope", arguments: cases)
    func plan(_ testCase: Case) {
        let fetches = OwnerFetch.plan(
            testCase.needed, clusterWide: testCase.clusterWide, listed: testCase.listed, refused: testCase.refused)
        var lists: [String] = []
        var gets = 0
        for fetch in fetches {
            switch fetch {
            case .list(let kind, let namespace): lists.append("\(kind)/\(namespace ?? "*")")
            case .get: gets += 1
            }
        }
        #expect(lists == testCase.lists)
        #expect(gets == testCase.gets)
    }
}
