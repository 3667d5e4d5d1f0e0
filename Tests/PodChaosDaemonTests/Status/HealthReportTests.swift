import Testing

@testable import PodChaosDaemon

@Suite struct HealthReportTests {
    @Test func noChecksPass() {
        let report = HealthReport(endpoint: "readyz", checks: [])
        #expect(report.passed)
        #expect(report.httpStatus == 200)
        #expect(report.text == "readyz check passed\n")
    }

    @Test func oneFailingCheckFailsTheReportAndIsNamedWithItsDetail() {
        let report = HealthReport(
            endpoint: "readyz",
            checks: [
                ReadinessCheck(name: "leader-election", ok: true),
                ReadinessCheck(name: "informers-synced", ok: false, detail: "pods not synced"),
                ReadinessCheck(name: "api-server", ok: false),
            ]
        )
        #expect(!report.passed)
        #expect(report.httpStatus == 503)
        #expect(
            report.text == "[+]leader-election ok\n[-]informers-synced failed: pods not synced\n[-]api-server failed\nreadyz check failed\n"
        )
    }

    @Test func aMultiLineDetailStaysOnTheCheckLine() {
        let report = HealthReport(
            endpoint: "healthz", checks: [ReadinessCheck(name: "tick-loop", ok: false, detail: "stuck\nsince 12:00\r\n")])
        #expect(report.text == "[-]tick-loop failed: stuck since 12:00\nhealthz check failed\n")
    }
}
