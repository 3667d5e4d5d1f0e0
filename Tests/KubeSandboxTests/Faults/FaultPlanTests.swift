import KubeSandbox
import Testing

struct FaultMatchCase: Sendable, CustomTestStringConvertible {
    let name: String
    let request: FaultRequest
    /// Index of the rule expected to fire, nil for none.
    let rule: Int?

    var testDescription: String { name }
}

@Suite("Fault plan decisions")
struct FaultPlanTests {
    static func pattern(_ text: String) -> PathPattern {
        // Literals of this file only, all valid.
        PathPattern(text)!
    }

    static let rules = [
        FaultRule(verb: "create", path: pattern("/api/v1/namespaces/*/pods/*/eviction"), user: "chaos", action: .status(.init(code: 429))),
        FaultRule(verb: "watch", path: pattern("/api/v1/namespaces/demo/pods"), action: .cutWatchAfterEvents(2)),
        FaultRule(verb: "delete", path: pattern("/api/v1/namespaces/*/pods/*"), action: .dropAfterApply),
        FaultRule(path: pattern("/apis/apps/**"), action: .latency(.milliseconds(200))),
        FaultRule(verb: "get", path: pattern("/version"), action: .restart),
    ]

    static let table: [FaultMatchCase] = [
        .init(
            name: "eviction by the named user",
            request: .init(verb: "create", path: "/api/v1/namespaces/demo/pods/web-1/eviction", user: "chaos"), rule: 0),
        .init(
            name: "eviction by another user",
            request: .init(verb: "create", path: "/api/v1/namespaces/demo/pods/web-1/eviction", user: "admin"), rule: nil),
        .init(name: "anonymous eviction", request: .init(verb: "create", path: "/api/v1/namespaces/demo/pods/web-1/eviction"), rule: nil),
        .init(
            name: "eviction with a different verb",
            request: .init(verb: "get", path: "/api/v1/namespaces/demo/pods/web-1/eviction", user: "chaos"), rule: nil),
        .init(name: "watch of the namespace's pods", request: .init(verb: "watch", path: "/api/v1/namespaces/demo/pods?watch=1"), rule: 1),
        .init(name: "list is not watch", request: .init(verb: "list", path: "/api/v1/namespaces/demo/pods"), rule: nil),
        .init(name: "watch of another namespace", request: .init(verb: "watch", path: "/api/v1/namespaces/prod/pods"), rule: nil),
        .init(name: "pod delete", request: .init(verb: "delete", path: "/api/v1/namespaces/demo/pods/web-1"), rule: 2),
        .init(name: "delete of a collection", request: .init(verb: "delete", path: "/api/v1/namespaces/demo/pods"), rule: nil),
        .init(
            name: "any verb under apps", request: .init(verb: "patch", path: "/apis/apps/v1/namespaces/demo/deployments/web/scale"), rule: 3
        ),
        .init(name: "apps group root", request: .init(verb: "get", path: "/apis/apps"), rule: 3),
        .init(name: "another group", request: .init(verb: "get", path: "/apis/policy/v1/namespaces/demo/poddisruptionbudgets"), rule: nil),
        .init(name: "version", request: .init(verb: "get", path: "/version"), rule: 4),
    ]

    @Test(arguments: table)
    func matching(_ row: FaultMatchCase) {
        var plan = FaultPlan(rules: Self.rules)
        var random = ScriptedRandom([0])
        let decision = plan.decide(row.request, using: &random)
        #expect(decision?.ruleIndex == row.rule)
        #expect(decision?.action == row.rule.map { Self.rules[$0].action })
        #expect(random.draws == 0)
    }

    @Test("a rule with times fires that often, then later rules get their turn")
    func timesExhaustion() {
        var plan = FaultPlan(rules: [
            FaultRule(verb: "get", path: Self.pattern("/version"), times: 2, action: .status(.init(code: 503))),
            FaultRule(verb: "get", path: Self.pattern("/**"), times: 1, action: .latency(.seconds(1))),
        ])
        let request = FaultRequest(verb: "get", path: "/version")
        let fired = (0..<5).map { _ in plan.decide(request)?.ruleIndex }
        #expect(fired == [0, 0, 1, nil, nil])
        #expect(plan.fired == [2, 1])
        #expect(plan.exhaustedRules == [0, 1])
    }

    @Test("probability: a draw below it fires, one above passes the request to the next rule")
    func probabilityDraws() {
        var plan = FaultPlan(rules: [
            FaultRule(path: Self.pattern("/**"), times: 1, probability: 0.5, action: .dropBeforeRequest),
            FaultRule(path: Self.pattern("/**"), action: .expireNextWatch),
        ])
        var random = ScriptedRandom([UInt64.max, 0, 0])
        let request = FaultRequest(verb: "watch", path: "/api/v1/pods")
        #expect(plan.decide(request, using: &random)?.action == .expireNextWatch)
        #expect(plan.decide(request, using: &random)?.action == .dropBeforeRequest)
        // Spent: no further draw for the first rule.
        #expect(plan.decide(request, using: &random)?.action == .expireNextWatch)
        #expect(random.draws == 2)
    }

    @Test("a seeded source gives the same decisions every run, at about the asked rate", arguments: [0.1, 0.3, 0.9])
    func seededProbability(probability: Double) {
        func run() -> [Bool] {
            var plan = FaultPlan(rules: [FaultRule(path: Self.pattern("/**"), probability: probability, action: .restart)])
            var random = SeededRandom(seed: 42)
            return (0..<2000).map { _ in plan.decide(FaultRequest(verb: "get", path: "/x"), using: &random) != nil }
        }
        let first = run()
        #expect(first == run())
        let rate = Double(first.filter { $0 }.count) / Double(first.count)
        #expect(abs(rate - probability) < 0.05)
    }

    @Test("probability 0 never fires and 1 always does, without drawing")
    func probabilityBounds() {
        var plan = FaultPlan(rules: [
            FaultRule(path: Self.pattern("/a"), probability: 0, action: .restart),
            FaultRule(path: Self.pattern("/b"), probability: 1, action: .restart),
        ])
        var random = ScriptedRandom([0])
        #expect(plan.decide(FaultRequest(verb: "get", path: "/a"), using: &random) == nil)
        #expect(plan.decide(FaultRequest(verb: "get", path: "/b"), using: &random)?.ruleIndex == 1)
        #expect(random.draws == 0)
    }

    @Test("an empty plan injects nothing")
    func empty() {
        var plan = FaultPlan()
        #expect(plan.isEmpty)
        #expect(plan.decide(FaultRequest(verb: "get", path: "/version")) == nil)
    }
}
