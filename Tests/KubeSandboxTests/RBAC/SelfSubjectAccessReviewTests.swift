import Foundation
import KubeAPI
import KubeSandbox
import Testing

@Suite("SelfSubjectAccessReview")
struct SelfSubjectAccessReviewTests {
    typealias F = RBACPolicyFixture

    /// The body `kubectl auth can-i create pods/eviction -n demo` sends.
    static let kubectlBody =
        #"{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"demo","verb":"create","resource":"pods","subresource":"eviction"}},"status":{"allowed":false}}"#

    @Test(
        "answers for the requesting user",
        arguments: [
            (F.chaos, true, "RBAC: allowed by RoleBinding \"chaos/demo\" of Role \"chaos-pod-killer\" to User \"chaos\""),
            (F.bob, false, nil),
            (F.admin, true, nil),
        ])
    func kubectlReview(user: UserInfo, allowed: Bool, reason: String?) throws {
        let review = try JSONValue(data: Data(Self.kubectlBody.utf8)).decode(as: SelfSubjectAccessReview.self)
        let answered = F.authorizer.review(review, by: user)
        #expect(answered.status?.allowed == allowed)
        #expect(answered.status?.reason == reason)
        #expect(answered.spec == review.spec)
        #expect(answered.kind == "SelfSubjectAccessReview")
    }

    @Test("non-resource attributes are reviewed too")
    func nonResource() {
        let review = SelfSubjectAccessReview(spec: .init(nonResourceAttributes: .init(path: "/metrics", verb: "get")))
        #expect(F.authorizer.review(review, by: F.prometheus).status?.allowed == true)
        #expect(F.authorizer.review(review, by: F.chaos).status?.allowed == false)
    }

    @Test("a spec with neither or both attributes is not allowed and says why")
    func malformed() {
        let neither = F.authorizer.review(SelfSubjectAccessReview(spec: .init()), by: F.admin)
        #expect(neither.status?.allowed == false)
        #expect(neither.status?.evaluationError?.contains("exactly one") == true)
        let both = SelfSubjectAccessReview(
            spec: .init(resourceAttributes: .init(verb: "get", resource: "pods"), nonResourceAttributes: .init(path: "/", verb: "get")))
        #expect(F.authorizer.review(both, by: F.admin).status?.allowed == false)
    }
}
