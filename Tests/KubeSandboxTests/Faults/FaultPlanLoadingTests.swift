import Foundation
import KubeSandbox
import Testing

struct BadPlanCase: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let ruleIndex: Int?
    let field: String?
    let message: String

    var testDescription: String { name }
}

@Suite("Fault plan loading")
struct FaultPlanLoadingTests {
    static let everyAction = """
        rules:
          - verb: create
            path: /api/v1/namespaces/*/pods/*/eviction
            user: chaos
            times: 2
            action: {status: 429, retryAfterSeconds: 3}
          - verb: get
            path: /apis/**
            probability: 0.25
            action:
              latency: 1m30s
          - verb: delete
            action: dropBeforeRequest
          - verb: delete
            action: {dropAfterApply: true}
          - verb: watch
            path: /api/v1/namespaces/demo/pods
            action: {cutWatchAfterEvents: 3}
          - verb: watch
            action: expireNextWatch
          - action: {restart: true}
          - verb: "*"
            path: /version
            action: {status: 500, message: etcd is down}
        """

    @Test("YAML with every action loads into the typed rules")
    func loadsEveryAction() throws {
        let plan = try FaultPlan.load(yaml: Self.everyAction)
        let rules = plan.rules
        try #require(rules.count == 8)
        #expect(rules[0].verb == "create")
        #expect(rules[0].path.text == "/api/v1/namespaces/*/pods/*/eviction")
        #expect(rules[0].user == "chaos")
        #expect(rules[0].times == 2)
        #expect(rules[0].action == .status(InjectedStatus(code: 429, retryAfterSeconds: 3)))
        #expect(rules[1].probability == 0.25)
        #expect(rules[1].action == .latency(.seconds(90)))
        #expect(rules[2].action == .dropBeforeRequest)
        #expect(rules[2].path.text == "/**")
        #expect(rules[3].action == .dropAfterApply)
        #expect(rules[4].action == .cutWatchAfterEvents(3))
        #expect(rules[5].action == .expireNextWatch)
        #expect(rules[6].verb == "*")
        #expect(rules[6].action == .restart)
        #expect(rules[7].action == .status(InjectedStatus(code: 500, message: "etcd is down")))
    }

    @Test("a plan encodes to JSON that loads back equal, and a bare list of rules is a plan")
    func roundTrip() throws {
        let plan = try FaultPlan.load(yaml: Self.everyAction)
        let json = try JSONEncoder().encode(plan)
        #expect(try FaultPlan.load(json: json) == plan)
        let rulesOnly = try JSONEncoder().encode(plan.rules)
        #expect(try FaultPlan.load(json: rulesOnly) == plan)
    }

    @Test("empty documents are empty plans", arguments: ["", "  \n", "rules: []", "rules:", "[]"])
    func emptyPlans(yaml: String) throws {
        #expect(try FaultPlan.load(yaml: yaml).isEmpty)
    }

    static let badPlans: [BadPlanCase] = [
        .init(
            name: "bad latency", yaml: "rules:\n- action: {latency: 1x}", ruleIndex: 0, field: "action.latency",
            message: "fault rule 0, field \"action.latency\": \"1x\" has unknown unit \"x\"; write a duration such as 500ms, 2s or 1m30s"),
        .init(
            name: "latency without unit", yaml: "rules:\n- action: dropBeforeRequest\n- action: {latency: 5}", ruleIndex: 1,
            field: "action.latency",
            message:
                "fault rule 1, field \"action.latency\": \"5\" has a number without a unit; write a duration such as 500ms, 2s or 1m30s"),
        .init(
            name: "unknown verb", yaml: "rules:\n- verb: kill\n  action: restart", ruleIndex: 0, field: "verb",
            message:
                "fault rule 0, field \"verb\": \"kill\" is not a verb; use get, list, watch, create, update, patch, delete, deletecollection or *"
        ),
        .init(
            name: "relative path", yaml: "- path: api/v1\n  action: restart", ruleIndex: 0, field: "path",
            message:
                "fault rule 0, field \"path\": \"api/v1\" is not a path pattern; start with / and use * for one segment, ** only as a whole segment"
        ),
        .init(
            name: "missing action", yaml: "rules:\n- verb: get", ruleIndex: 0, field: "action",
            message: "fault rule 0, field \"action\": is required"),
        .init(
            name: "status code not injectable", yaml: "rules:\n- action: {status: 404}", ruleIndex: 0, field: "action.status",
            message: "fault rule 0, field \"action.status\": 404 is not an injectable status; use 429, 500 or 503"),
        .init(
            name: "retry option on another action", yaml: "rules:\n- action: {latency: 1s, retryAfterSeconds: 2}", ruleIndex: 0,
            field: "action.retryAfterSeconds",
            message: "fault rule 0, field \"action.retryAfterSeconds\": is not an option of the latency action"),
        .init(
            name: "two actions", yaml: "rules:\n- action: {restart: true, latency: 1s}", ruleIndex: 0, field: "action",
            message:
                "fault rule 0, field \"action\": needs exactly one of status, latency, dropBeforeRequest, dropAfterApply, cutWatchAfterEvents, expireNextWatch, restart, found 2"
        ),
        .init(
            name: "unknown bare action", yaml: "rules:\n- action: explode", ruleIndex: 0, field: "action",
            message:
                "fault rule 0, field \"action\": \"explode\" is not an action without arguments; use dropBeforeRequest, dropAfterApply, expireNextWatch or restart"
        ),
        .init(
            name: "zero times", yaml: "rules:\n- times: 0\n  action: restart", ruleIndex: 0, field: "times",
            message: "fault rule 0, field \"times\": must be 1 or more, not 0"),
        .init(
            name: "probability above 1", yaml: "rules:\n- probability: 1.5\n  action: restart", ruleIndex: 0, field: "probability",
            message: "fault rule 0, field \"probability\": must be between 0 and 1, not 1.5"),
        .init(
            name: "negative watch cut", yaml: "rules:\n- action: {cutWatchAfterEvents: -1}", ruleIndex: 0,
            field: "action.cutWatchAfterEvents",
            message: "fault rule 0, field \"action.cutWatchAfterEvents\": must be 0 or more, not -1"),
        .init(
            name: "misspelt field", yaml: "rules:\n- time: 3\n  action: restart", ruleIndex: 0, field: "time",
            message: "fault rule 0, field \"time\": is not a rule field; use verb, path, user, times, probability and action"),
        .init(
            name: "rule that is not a mapping", yaml: "rules:\n- restart", ruleIndex: 0, field: nil,
            message: "fault rule 0: is not a mapping; write a rule with verb, path, user, times, probability and action"),
        .init(
            name: "fractional retry", yaml: "rules:\n- action: {status: 503, retryAfterSeconds: 1.5}", ruleIndex: 0,
            field: "action.retryAfterSeconds", message: "fault rule 0, field \"action.retryAfterSeconds\": must be a whole number, not 1.5"),
        .init(
            name: "fractional times", yaml: "rules:\n- action: restart\n- action: restart\n  times: 2.5", ruleIndex: 1, field: "times",
            message: "fault rule 1, field \"times\": must be a whole number, not 2.5"),
        .init(
            name: "user that is not a string", yaml: "rules:\n- user: [a, b]\n  action: restart", ruleIndex: 0, field: "user", message: ""),
        .init(
            name: "unknown top-level field", yaml: "rule:\n- action: restart", ruleIndex: nil, field: nil,
            message: "fault plan has unknown field \"rule\"; write `rules:` followed by a list of rules"),
        .init(
            name: "rules not a list", yaml: "rules: restart", ruleIndex: nil, field: nil,
            message: "fault plan field \"rules\" is not a list; write `rules:` followed by a list of rules"),
        .init(name: "not YAML", yaml: "rules: [unclosed", ruleIndex: nil, field: nil, message: ""),
    ]

    @Test("an unquoted * is a YAML alias: the error says to quote it")
    func unquotedStar() {
        #expect(throws: FaultPlanError.self) { try FaultPlan.load(yaml: "rules:\n- verb: *\n  action: restart") }
        do {
            _ = try FaultPlan.load(yaml: "rules:\n- verb: *\n  action: restart")
        } catch {
            #expect(error.description.hasSuffix("(quote a bare *, as in verb: \"*\")"))
            #expect(error.ruleIndex == nil)
        }
    }

    @Test(arguments: badPlans)
    func rejects(_ row: BadPlanCase) {
        do {
            let plan = try FaultPlan.load(yaml: row.yaml)
            Issue.record("loaded \(plan.rules.count) rules")
        } catch {
            #expect(error.ruleIndex == row.ruleIndex)
            #expect(error.field == row.field)
            if !row.message.isEmpty {
                #expect(error.description == row.message)
            }
            #expect(!error.description.contains("\n"))
        }
    }
}
