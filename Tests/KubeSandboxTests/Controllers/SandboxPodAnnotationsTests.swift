import Testing

@testable import KubeSandbox

/// The service-proxy annotations: how they parse, and how a bad value is reported.
struct SandboxPodAnnotationsTests {
    static func pod(_ annotations: [String: String]) -> JSONValue {
        .object(["metadata": .object(["name": .string("p"), "annotations": .object(annotations.mapValues { .string($0) })])])
    }

    @Test(
        "An error rate fails exactly floor(N x rate) of the first N answers, evenly",
        arguments: [
            ("0.25", 8, [3, 7]), ("0", 5, []), ("1", 3, [0, 1, 2]), ("0.5", 6, [1, 3, 5]), ("0.29", 100, nil), ("1.0", 2, [0, 1]),
        ]
            as [(String, Int, [Int]?)])
    func errorRate(text: String, answers: Int, failing: [Int]?) throws {
        let rate = try #require(ErrorRate(text))
        let failed = (0..<answers).filter { rate.fails(answer: $0) }
        if let failing { #expect(failed == failing) }
        // Exact, where floating point would give 28 for 0.29 over 100.
        #expect(failed.count == answers * rate.numerator / rate.denominator)
        if text == "0.29" { #expect(failed.count == 29) }
    }

    @Test(
        "Anything but a decimal fraction from 0 to 1 is no error rate",
        arguments: ["", "1.5", "2", "-0.1", ".5", "0.", "25%", "0.1234567", "1e-1", " 0.2"])
    func badErrorRates(text: String) {
        #expect(ErrorRate(text) == nil)
    }

    @Test("latency and error-rate are read from the pod; bad values are reported and ignored")
    func annotations() {
        let good = SandboxPodAnnotations(
            Self.pod(["sandbox.podchaosmonkey.io/latency": "50ms", "sandbox.podchaosmonkey.io/error-rate": "0.25"]))
        #expect(good.latency == .milliseconds(50))
        #expect(good.errorRate == ErrorRate("0.25"))
        #expect(good.problems.isEmpty)
        let bad = SandboxPodAnnotations(
            Self.pod(["sandbox.podchaosmonkey.io/latency": "soon", "sandbox.podchaosmonkey.io/error-rate": "often"]))
        #expect(bad.latency == nil)
        #expect(bad.errorRate == nil)
        #expect(bad.problems.count == 2)
        #expect(bad.problems.contains { $0.hasPrefix(#"annotation sandbox.podchaosmonkey.io/latency="soon" is not a duration"#) })
        #expect(
            bad.problems.contains(
                #"annotation sandbox.podchaosmonkey.io/error-rate="often" is not a fraction from 0 to 1 like 0.25 (at most 6 decimals); ignored"#
            ))
    }
}
