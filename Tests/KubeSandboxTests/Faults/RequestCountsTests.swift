import Testing

@testable import KubeSandbox

@Suite("Request counts")
struct RequestCountsTests {
    @Test("The counts keep every request, by verb, after the log has forgotten the oldest")
    func countsOutliveTheLog() async {
        let faults = FaultInjector()
        let served = FaultInjector.requestLogLimit * 2
        for index in 0..<served {
            _ = await faults.decide(FaultRequest(verb: index % 4 == 0 ? "list" : "get", path: "/api/v1/pods"))
        }
        let counts = await faults.counts
        #expect(await faults.requests.count < served)
        #expect(counts.total == served)
        #expect(counts.byVerb == ["list": served / 4, "get": served - served / 4])
    }
}
