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
    }
}
