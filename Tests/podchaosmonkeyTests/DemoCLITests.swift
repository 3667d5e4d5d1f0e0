import Foundation
import KubeTesting
import Testing

@Suite("podchaosmonkey demo", .dedicatedThreads)
struct DemoCLITests {
    @Test("The demo runs on its embedded sandbox: a refused eviction, a recovered delete, a crash-looping replacement; exit 0")
    func demo() async throws {
        let result = try await CLIRunner.run(["demo", "--seed", "7"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nginx-pdb allows 0"))
        #expect(result.stdout.contains("disruption-budget"))
        #expect(result.stdout.contains("orphan"))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("Deployment/nginx") && $0.contains("killed") && $0.hasSuffix("recovered") })
        #expect(lines.contains { $0.contains("ReplicaSet/flaky") && $0.contains("timeout (CrashLoopBackOff)") })
        // The probe through the Service of three replicas sees no failure; through the Service of one, a run of them.
        #expect(lines.contains { $0.hasPrefix("podchaos-demo/nginx") && $0.contains("disruption") && $0.contains("100.0%") })
        #expect(lines.contains { $0.hasPrefix("  nginx: ") && !$0.contains("failed in a row") })
        #expect(lines.contains { $0.hasPrefix("podchaos-demo/solo") && $0.contains("disruption") && !$0.contains("100.0%") })
        #expect(lines.contains { $0.hasPrefix("  solo: ") && $0.contains("failed in a row") })
        #expect(result.stdout.contains("→ verdict fail: aborted: probe podchaos-demo/solo"))
    }
}
