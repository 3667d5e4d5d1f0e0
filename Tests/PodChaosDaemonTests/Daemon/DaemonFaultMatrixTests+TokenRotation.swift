import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import PodChaos
import Testing

@testable import PodChaosDaemon

extension DaemonFaultMatrixTests {
    @Test(
        "A service-account token rotated on disk during run, the old one revoked: one request is refused (401), the file is read again, and the daemon keeps killing with the new token",
        .timeLimit(.minutes(1)))
    func tokenRotatedOnDisk() async throws {
        try await DaemonSandbox.with { admin in
            try await admin.deployment("web", replicas: 3)
            let account = "system:serviceaccount:demo:chaos"
            let first = try await admin.sandbox.serviceAccountToken(namespace: "demo", name: "chaos")
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(first.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            // The token is re-read once a minute of the daemon's time, as client-go does, and after a 401.
            let ticks = SteppingClock()
            let clock = SteppedDaemonClock(ticks)
            let provider = TokenFileProvider(path: path, refreshInterval: 60, now: { clock.now() })
            // Read at time zero, whenever the daemon's first request goes out.
            _ = try await provider.credentials()
            let config = ClusterConfig(server: admin.sandbox.url, namespace: "demo", credentials: .provider(provider), origin: "token file")
            try await withInProcessClient(admin.sandbox, config: config) { client in
                let cluster = DaemonSandbox(sandbox: admin.sandbox, client: client, controllerTime: nil)
                let notifier = RecordingNotifier()
                let daemon = cluster.daemon(
                    leadership: ToggledLeadership(), notifier: notifier, clock: clock, maxRuntime: .seconds(135),
                    schedule: EveryInterval(seconds: 30))
                async let running: Void = daemon.run()

                /// Runs tick `number` (at `30 × number` s) and returns once its victim has recovered.
                @Sendable func tick(_ number: Int) async throws {
                    await ticks.sleeping { $0.contains { $0.offset == .seconds(30 * number) } }
                    ticks.advance(by: .seconds(30))
                    #expect(try await eventuallyHolds { notifier.recovered.count == number }, "tick \(number) killed and recovered")
                }
                // Tick 2 re-reads the token (a minute after the start), so the rotation falls within its minute.
                try await tick(1)
                try await tick(2)
                let second = try await admin.sandbox.serviceAccountToken(namespace: "demo", name: "chaos")
                try Data(second.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                await admin.sandbox.revokeServiceAccountToken(first)
                let rotatedAt = await cluster.sandbox.requests().count
                try await tick(3)
                try await tick(4)
                await ticks.sleeping { $0.contains { $0.offset == .seconds(135) } }
                ticks.advance(by: .seconds(15))
                try await running

                let afterRotation = await cluster.sandbox.requests()[rotatedAt...]
                let killed = notifier.killed
                #expect(killed.count == 4)
                #expect(killed.allSatisfy { $0.result == .killed })
                #expect(Set(killed.compactMap(\.pod.uid)).count == killed.count, "no pod killed twice")
                let deletes = afterRotation.filter { $0.verb == "delete" && $0.path.hasPrefix(Self.pods + "/") }
                #expect(deletes.map(\.path) == killed.dropFirst(2).map { "\(Self.pods)/\($0.pod.name)" }, "one DELETE a kill")
                #expect(deletes.allSatisfy { $0.user == account }, "killed with the new token")
                // The revoked token was sent once more and refused (401: no user), then the file was read again.
                let refused = afterRotation.filter { $0.user == nil }
                #expect(refused.count == 1, "\(refused)")
                #expect(afterRotation.last?.user == account)
            }
        }
    }
}
