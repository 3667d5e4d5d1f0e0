import Testing

@testable import PodChaos

@Suite("Probes an owner names with podchaosmonkey.io/probe: only Services of its own namespace")
struct OwnerProbesTests {
    static func owner(_ annotation: String?, namespace: String = "shop", uid: String = "uid-web") -> Workload {
        Workload(
            kind: "Deployment", name: "web", namespace: namespace, uid: uid,
            annotations: annotation.map { [PodChaosKeys.probe: $0] } ?? [:])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var annotation: String?
        var probes: [String]
        var ignored: [String]
    }

    static let cases: [Case] = [
        Case(testDescription: "no annotation: nothing added", annotation: nil, probes: ["configured"], ignored: []),
        Case(
            testDescription: "a Service of its namespace: added", annotation: "service:shop/web:80/healthz rate=2/s",
            probes: ["configured", "shop/web"], ignored: []),
        Case(
            testDescription: "one probe per line", annotation: "service:shop/web:80/\nservice:shop/api:8080/ready name=api\n",
            probes: ["configured", "shop/web", "api"], ignored: []),
        Case(
            testDescription: "a Service of another namespace: ignored", annotation: "service:payments/ledger:80/", probes: ["configured"],
            ignored: ["an owner may name only a service: probe in its own namespace (shop)"]),
        Case(
            testDescription: "a URL: ignored (it could point anywhere the tool can reach)", annotation: "http://169.254.169.254/latest/",
            probes: ["configured"], ignored: ["an owner may name only a service: probe in its own namespace (shop)"]),
        Case(
            testDescription: "a Prometheus query: ignored", annotation: "prometheus:http://prom:9090 query=up min=1",
            probes: ["configured"],
            ignored: ["an owner may name only a service: probe in its own namespace (shop)"]),
        Case(
            testDescription: "text that does not parse: ignored with the parser's reason", annotation: "service:shop/web:80/ rate=1000/s",
            probes: ["configured"], ignored: [#"--probe rate="1000/s": expected at most 50/s"#]),
        Case(
            testDescription: "a name taken by another target: ignored", annotation: "service:shop/web:80/ name=configured",
            probes: ["configured"], ignored: ["a probe named configured exists already"]),
    ]

    @Test("What an owner's annotation adds", arguments: cases)
    func annotation(_ example: Case) throws {
        let configured = try ProbeSpecParser.parse("http://checkout.example/ name=configured")
        let (probes, ignored) = OwnerProbes.probes([configured], owners: [Self.owner(example.annotation)])
        #expect(probes.map(\.name) == example.probes)
        #expect(ignored.map(\.reason) == example.ignored)
    }

    @Test("An owner with several victims adds its probes once; the same probe configured already is not added twice")
    func once() throws {
        let owner = Self.owner("service:shop/web:80/")
        let configured = try ProbeSpecParser.parse("service:shop/web:80/")
        #expect(OwnerProbes.probes([], owners: [owner, owner]).probes.map(\.name) == ["shop/web"])
        let (probes, ignored) = OwnerProbes.probes([configured], owners: [owner])
        #expect(probes.count == 1)
        #expect(ignored.isEmpty)
    }
}
