import Foundation
import KubeAPI
import KubeSandbox
import KubeTesting
import MetricsTestKit
import PodChaos
import Testing

@testable import PodChaosDaemon

extension DaemonFaultMatrixTests {
    /// The Lease, in the sandbox, as another holder writes it: the holder named, renewed now, as long as ours.
    static func takeLease(_ client: KubernetesClient, as holder: String, at now: Date) async throws {
        var lease = try await client.get(Lease.self, namespace: "demo", name: "chaos")
        var spec = try #require(lease.spec)
        spec.holderIdentity = holder
        spec.acquireTime = MicroTime(now)
        spec.renewTime = MicroTime(now)
        spec.leaseTransitions = (spec.leaseTransitions ?? 0) + 1
        lease.spec = spec
        _ = try await client.replace(lease)
    }

    @Test(
        "The Lease taken by another holder mid-run: no kill while it holds it, /readyz ready and /plan not leading meanwhile; kills again once it has expired",
        .timeLimit(.minutes(1)))
    func leaseTakenOver() async throws {
        try await DaemonSandbox.with { cluster in
            try await cluster.deployment("web", replicas: 3)
            // The elector's time (retry period, expiry) and the daemon's ticks move only when the test says so.
            let leaseTime = SteppingClock()
            let ticks = SteppingClock()
            let epoch = VirtualElection.epoch
            let wallClock: @Sendable () -> Date = { epoch.addingTimeInterval(leaseTime.now.offset.seconds) }
            let electionLog = LogCapture()
            let elector = try LeaderElector(
                lock: KubernetesLeaseLock(client: cluster.client), config: VirtualElection.config("chaos-0"), clock: leaseTime,
                wallClock: wallClock, logger: electionLog.logger)
            let notifier = RecordingNotifier()
            let metrics = TestMetrics()
            let daemon = cluster.daemon(
                leadership: LeaseLeadership(elector: elector), notifier: notifier, clock: SteppedDaemonClock(ticks),
                schedule: EveryInterval(seconds: 60), metrics: DaemonMetrics(factory: metrics))
            let running = Task { try await daemon.run() }

            /// Waits until the elector sleeps between attempts, then moves its time to that wake-up.
            @Sendable func stepLease() async {
                let start = leaseTime.now
                let window = start.advanced(by: VirtualElection.longestRetry)
                let wakeUps = await leaseTime.sleeping { $0.contains { $0 > start && $0 <= window } }
                leaseTime.advance(by: start.duration(to: wakeUps.first { $0 > start && $0 <= window } ?? start))
            }
            /// Waits until the elector sleeps between attempts: the attempt the last step woke has finished.
            @Sendable func leaseIdle() async {
                let start = leaseTime.now
                let window = start.advanced(by: VirtualElection.longestRetry)
                await leaseTime.sleeping { $0.contains { $0 > start && $0 <= window } }
            }
            /// Runs tick `number` (at `number` minutes) and returns once the daemon waits for the next one.
            @Sendable func tick(_ number: Int) async {
                await ticks.sleeping { $0.contains { $0.offset == .seconds(60 * number) } }
                ticks.advance(by: .seconds(60))
                await ticks.sleeping { $0.contains { $0.offset == .seconds(60 * (number + 1)) } }
            }
            func deletes(_ requests: ArraySlice<FaultRequest>) -> [String] {
                requests.filter { $0.verb == "delete" && $0.path.hasPrefix(Self.pods + "/") }.map(\.path)
            }

            await elector.untilKnown()
            await leaseIdle()
            #expect(await elector.isLeading)
            await tick(1)
            #expect(try await eventuallyHolds { notifier.recovered.count == 1 })

            // Another holder writes itself into the Lease; the elector finds out at its next renewal.
            try await Self.takeLease(cluster.client, as: "intruder", at: wallClock())
            let takenAt = await cluster.sandbox.requests().count
            await stepLease()
            await leaseIdle()
            let lostAt = leaseTime.now
            #expect(await !elector.isLeading)
            #expect(await elector.holder == "intruder")
            let stopped = electionLog.all.filter { $0.contains("stopped leading") }
            #expect(
                stopped.count == 1 && stopped.allSatisfy { $0.contains("held by another") && $0.contains("holder=intruder") }, "\(stopped)")

            await tick(2)
            #expect(await daemon.lastOutcome == .skipped(.notLeader))
            let readiness = await daemon.readiness()
            #expect(HealthReport(endpoint: "readyz", checks: readiness).httpStatus == 200, "a follower is ready: \(readiness)")
            #expect(readiness.first { $0.name == "leadership" }?.detail == "held by intruder")
            #expect(await daemon.snapshot().leading == false, "/plan says not leading")
            #expect(try metrics.expectGauge("podchaosmonkey_leader").lastValue == 0)

            // The other holder never renews: the elector takes the Lease once it has gone unchanged for its duration.
            var steps = 0
            while await !elector.isLeading, steps < 20 {
                await stepLease()
                await leaseIdle()
                steps += 1
            }
            #expect(await elector.isLeading)
            #expect(lostAt.duration(to: leaseTime.now) >= VirtualElection.leaseDuration)
            let resumedAt = await cluster.sandbox.requests().count

            await tick(3)
            #expect(try await eventuallyHolds { notifier.recovered.count == 2 })
            #expect(await daemon.snapshot().leading == true)
            #expect(try metrics.expectGauge("podchaosmonkey_leader").lastValue == 1)
            running.cancel()
            try await running.value

            let requests = await cluster.sandbox.requests()
            #expect(deletes(requests[takenAt..<resumedAt]).isEmpty, "no kill while another holder has the Lease")
            let killed = notifier.killed
            #expect(killed.count == 2)
            #expect(Set(killed.compactMap(\.pod.uid)).count == killed.count, "no pod killed twice")
            #expect(deletes(requests[resumedAt...]) == killed.dropFirst().map { "\(Self.pods)/\($0.pod.name)" })
            let lease = try await cluster.client.get(Lease.self, namespace: "demo", name: "chaos")
            #expect(lease.spec?.holderIdentity == "", "released on the way out")
        }
    }
}
