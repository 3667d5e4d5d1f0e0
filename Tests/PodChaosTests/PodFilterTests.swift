import Foundation
import KubeAPI
import Testing

@testable import PodChaos

@Suite("Selection filters, one table per filter")
struct PodFilterTests {
    typealias B = CandidateBuilder

    struct Row: Sendable, CustomStringConvertible {
        let name: String
        let candidate: Candidate
        let criteria: SelectionCriteria
        let expected: ExclusionReason?
        var description: String { name }
    }

    static func criteria(_ change: (inout SelectionCriteria) throws -> Void) rethrows -> SelectionCriteria {
        var criteria = SelectionCriteria()
        try change(&criteria)
        return criteria
    }

    static let rows: [Row] = [
        Row(name: "plain pod is eligible", candidate: B.pod("a"), criteria: SelectionCriteria(), expected: nil),
        Row(
            name: "namespace not in -n list", candidate: B.pod("a", namespace: "other"),
            criteria: criteria { $0.namespaces.included = ["demo"] }, expected: .namespaceNotSelected),
        Row(
            name: "namespace excluded with !", candidate: B.pod("a"),
            criteria: criteria { $0.namespaces.excluded = ["demo"] }, expected: .namespaceNotSelected),
        Row(
            name: "namespace selector mismatch", candidate: B.pod("a", namespaceLabels: ["env": "prod"]),
            criteria: try! criteria { $0.namespaces.selector = try Labels.Selector(parsing: "env=staging") },
            expected: .namespaceNotSelected),
        Row(
            name: "namespace selector match", candidate: B.pod("a", namespaceLabels: ["env": "staging"]),
            criteria: try! criteria { $0.namespaces.selector = try Labels.Selector(parsing: "env=staging") }, expected: nil),
        Row(
            name: "kube-system is protected even when named", candidate: B.pod("a", namespace: "kube-system"),
            criteria: criteria { $0.namespaces.included = ["kube-system"] }, expected: .protectedNamespace),
        Row(
            name: "unprotected kube-system", candidate: B.pod("a", namespace: "kube-system"),
            criteria: criteria { $0.namespaces.protected = [] }, expected: nil),
        Row(
            name: "label selector mismatch", candidate: B.pod("a", labels: ["app": "db"]),
            criteria: try! criteria { $0.labelSelector = try Labels.Selector(parsing: "app=web") }, expected: .labelSelector),
        Row(
            name: "field selector mismatch", candidate: B.pod("a"),
            criteria: try! criteria { $0.fieldSelector = try Fields.Selector(parsing: "spec.nodeName=node-2") }, expected: .fieldSelector),
        Row(
            name: "annotation required but absent", candidate: B.pod("a"),
            criteria: try! criteria { $0.annotations = [try AnnotationRequirement(parsing: "chaos=yes")] }, expected: .annotation),
        Row(
            name: "negated annotation present", candidate: B.pod("a", annotations: ["chaos": "no"]),
            criteria: try! criteria { $0.annotations = [try AnnotationRequirement(parsing: "!chaos=no")] }, expected: .annotation),
        Row(
            name: "include-name miss", candidate: B.pod("db-0"),
            criteria: try! criteria { $0.includeName = try NamePattern("^web-") }, expected: .nameNotIncluded),
        Row(
            name: "exclude-name hit", candidate: B.pod("web-canary-1"),
            criteria: try! criteria { $0.excludeName = try NamePattern("canary") }, expected: .nameExcluded),
        Row(
            name: "kind excluded", candidate: B.pod("a", owner: B.workload(kind: "DaemonSet")),
            criteria: try! criteria { $0.kinds = try KindFilter(parsing: "!DaemonSet") }, expected: .kind),
        Row(
            name: "kind not included", candidate: B.pod("a", owner: B.workload(kind: "StatefulSet")),
            criteria: try! criteria { $0.kinds = try KindFilter(parsing: "Deployment") }, expected: .kind),
        Row(
            name: "too young", candidate: B.pod("a", age: 30),
            criteria: criteria { $0.minAge = .seconds(60) }, expected: .tooYoung),
        Row(
            name: "old enough", candidate: B.pod("a", age: 61),
            criteria: criteria { $0.minAge = .seconds(60) }, expected: nil),
        Row(
            name: "opt-in without the label", candidate: B.pod("a"),
            criteria: criteria { $0.optIn = true }, expected: .notOptedIn),
        Row(
            name: "opt-in through the owner", candidate: B.pod("a", owner: B.workload(labels: [PodChaosKeys.enabled: "true"])),
            criteria: criteria { $0.optIn = true }, expected: nil),
        Row(
            name: "self by POD_NAME", candidate: B.pod("monkey-1"),
            criteria: criteria { $0.selfIdentity = SelfIdentity(podName: "monkey-1", namespace: "demo") }, expected: .selfPod),
        Row(
            name: "self by uid", candidate: B.pod("x"),
            criteria: criteria { $0.selfIdentity = SelfIdentity(uid: "uid-x") }, expected: .selfPod),
        Row(
            name: "sibling of self", candidate: B.pod("monkey-2"),
            criteria: criteria { $0.selfIdentity = SelfIdentity(podName: "monkey-1", ownerUID: "uid-Deployment-web") },
            expected: .ownWorkload),
        Row(
            name: "protected label", candidate: B.pod("a", labels: [PodChaosKeys.protected: "true"]), criteria: SelectionCriteria(),
            expected: .protected),
        Row(
            name: "protected owner annotation", candidate: B.pod("a", owner: B.workload(annotations: [PodChaosKeys.protected: "true"])),
            criteria: SelectionCriteria(), expected: .protected),
        Row(
            name: "mirror pod", candidate: B.pod("a", annotations: [Pod.mirrorAnnotation: "x"]), criteria: SelectionCriteria(),
            expected: .mirrorPod),
        Row(name: "orphan", candidate: B.pod("a", owner: nil), criteria: SelectionCriteria(), expected: .orphan),
        Row(name: "orphan allowed", candidate: B.pod("a", owner: nil), criteria: criteria { $0.includeOrphans = true }, expected: nil),
        Row(name: "terminating", candidate: B.pod("a", terminating: true), criteria: SelectionCriteria(), expected: .terminating),
        Row(name: "pending", candidate: B.pod("a", phase: .pending, ready: false), criteria: SelectionCriteria(), expected: .notRunning),
        Row(name: "running but not ready", candidate: B.pod("a", ready: false), criteria: SelectionCriteria(), expected: .notReady),
    ]

    @Test("Each filter excludes exactly what it should, and says why", arguments: rows)
    func filter(_ row: Row) {
        let result = Selection.evaluate([row.candidate], criteria: row.criteria, now: B.now)
        if let expected = row.expected {
            #expect(result.eligible.isEmpty)
            #expect(result.excluded.first?.reasons.first == expected)
        } else {
            #expect(result.eligible.count == 1)
            #expect(result.excluded.isEmpty)
        }
    }

    @Test("Every reason that applies is reported, and stage counts fall as pods are excluded")
    func reasonsAndStages() {
        let candidates = [
            B.pod("ok"),
            B.pod("orphan-and-unready", ready: false, owner: nil),
            B.pod("other-ns", namespace: "kube-system"),
        ]
        let result = Selection.evaluate(candidates, criteria: SelectionCriteria(), now: B.now)
        #expect(result.considered == 3)
        #expect(result.eligible.map(\.name) == ["ok"])
        let reasons = Dictionary(uniqueKeysWithValues: result.excluded.map { ($0.candidate.name, $0.reasons) })
        #expect(reasons["orphan-and-unready"] == [.orphan, .notReady])
        #expect(reasons["other-ns"] == [.protectedNamespace])
        #expect(result.stages.first == StageCount(stage: "namespace", remaining: 2))
        #expect(result.stages.last == StageCount(stage: "health", remaining: 1))
    }
}

@Suite("Selection flag parsing")
struct SelectionParsingTests {
    @Test(
        "Annotation filters",
        arguments: [
            ("team=sre", ["team": "sre"], true), ("team=sre", ["team": "dev"], false), ("!team=sre", ["team": "sre"], false),
            ("!team=sre", [:], true), ("team", ["team": ""], true), ("!team", ["team": "x"], false), ("team=", ["team": ""], true),
        ])
    func annotations(text: String, annotations: [String: String], matches: Bool) throws {
        #expect(try AnnotationRequirement(parsing: text).matches(annotations) == matches)
    }

    @Test("Bad flags give one line naming the input", arguments: ["", "!", "=x", "a b=c"])
    func badAnnotation(text: String) {
        let error = #expect(throws: SelectionError.self) { try AnnotationRequirement(parsing: text) }
        #expect(error?.description.contains("\"\(text)\"") == true)
    }

    @Test("Kind lists are case-insensitive and support negation")
    func kinds() throws {
        let filter = try KindFilter(parsing: "deployment, StatefulSet,!daemonset")
        #expect(filter.included == ["Deployment", "StatefulSet"])
        #expect(filter.excluded == ["DaemonSet"])
        #expect(filter.allows("Deployment"))
        #expect(!filter.allows("DaemonSet"))
        #expect(!filter.allows("Job"))
        #expect(!filter.allows(nil))
        #expect(throws: SelectionError.self) { try KindFilter(parsing: "Deploy-ment") }
        #expect(throws: SelectionError.self) { try KindFilter(parsing: "Deployment,,") }
    }

    @Test("Invalid regular expressions are refused")
    func regex() {
        let error = #expect(throws: SelectionError.self) { try NamePattern("web-(") }
        #expect(error?.description == "invalid regular expression \"web-(\": missing ) closing the group at offset 4")
    }

    @Test("Namespaces: names include, ! excludes, anything else is refused")
    func namespaces() throws {
        let parsed = try NamespaceScope.parse(["demo", "!staging", "demo"])
        #expect(parsed.included == ["demo"])
        #expect(parsed.excluded == ["staging"])
        #expect(throws: SelectionError.self) { try NamespaceScope.parse(["Demo"]) }
        #expect(throws: SelectionError.self) { try NamespaceScope.parse(["-x"]) }
    }

    @Test("Self identity from the downward API, or the hostname inside a cluster")
    func selfIdentity() {
        let downward = SelfIdentity.fromEnvironment(["POD_NAME": "m-1", "POD_NAMESPACE": "ops", "POD_UID": "u"])
        #expect(downward == SelfIdentity(podName: "m-1", namespace: "ops", uid: "u"))
        let hostname = SelfIdentity.fromEnvironment(["KUBERNETES_SERVICE_HOST": "10.0.0.1", "HOSTNAME": "m-2"])
        #expect(hostname.podName == "m-2")
        #expect(SelfIdentity.fromEnvironment(["HOSTNAME": "laptop"]).podName == nil)
    }
}
