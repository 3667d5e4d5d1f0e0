import Foundation
import KubeTesting
import PodChaos
import ServiceLifecycle
import Testing

@testable import PodChaosDaemon

/// A slow or dead receiver never delays a kill: notifications queue, the oldest make way, targets are independent,
/// and shutdown drains for at most its timeout. On virtual time, against a scripted transport.
@Suite(.timeLimit(.minutes(1))) struct WebhookQueueTests {
    static let firstHangs: ScriptedTransport.Script = { _, index in index == 0 ? .hang : .status(200) }

    @Test func aHeldRequestDelaysNoKillAndAFullBufferDropsTheOldest() async throws {
        let (clock, logs) = (SteppingClock(), LogCapture())
        let transport = ScriptedTransport(clock: clock, script: Self.firstHangs)
        let notifier = WebhookNotifier(
            configuration: try KillSamples.webhooks(KillSamples.hookURL), options: WebhookOptions(bufferCapacity: 3),
            transport: transport, clock: clock, logger: logs.logger)
        let sent = try await notifier.running {
            notifier.killed(KillSamples.kill(id: "K1"))
            _ = await transport.sent(count: 1)
            // K1 is held by the receiver; every kill still returns at once, and K2 and K3 make way for K4 to K6.
            for id in ["K2", "K3", "K4", "K5", "K6"] { notifier.killed(KillSamples.kill(id: id)) }
            #expect(notifier.statistics.dropped == 2)
            #expect(transport.sent.count == 1)
            transport.release()
            return await transport.sent(count: 4)
        }
        // In order, and none twice.
        #expect(try sent.map { try $0.killID() } == ["K1", "K4", "K5", "K6"])
        #expect(transport.sent.count == 4)
        #expect(notifier.statistics.delivered == 4 && notifier.statistics.attempts == 4)
        #expect(logs.all.filter { $0.contains("dropping its oldest") }.count == 1)
        #expect(logs.all.contains { $0.contains("dropped from full buffers") && $0.contains("count=2") })
        #expect(clock.now.offset == .zero)
    }

    @Test func aHeldTargetDoesNotHoldBackAnother() async throws {
        let clock = SteppingClock()
        let transport = ScriptedTransport(clock: clock) { request, _ in request.url.host == "stuck.example" ? .hang : .status(200) }
        let configuration = try KillSamples.webhooks("https://stuck.example/hook", "https://healthy.example/hook")
        let notifier = WebhookNotifier(configuration: configuration, transport: transport, clock: clock)
        let hosts = try await notifier.running {
            notifier.killed(KillSamples.kill(id: "K1"))
            notifier.recovered(KillSamples.kill(id: "K1"))
            notifier.killed(KillSamples.kill(id: "K2"))
            // The healthy target gets all three while the stuck one holds the first.
            let sent = await transport.sent(count: 4)
            transport.release()
            return sent.map { $0.request.url.host }
        }
        #expect(hosts.filter { $0 == "stuck.example" }.count == 1)
        let deliveries = { (host: String) in
            transport.sent.filter { $0.request.url.host == host }.compactMap { $0.request.headers["X-Podchaosmonkey-Delivery"] }
        }
        #expect(deliveries("healthy.example") == ["K1-kill", "K1-verdict", "K2-kill"])
        #expect(deliveries("stuck.example") == ["K1-kill", "K1-verdict", "K2-kill"])
        #expect(notifier.statistics.delivered == 6)
    }

    @Test func gracefulShutdownGivesUpAfterExactlyTheDrainTimeoutAndSaysWhatItAbandoned() async throws {
        let (clock, logs) = (SteppingClock(), LogCapture())
        let transport = ScriptedTransport(clock: clock) { _, _ in .hang }
        let notifier = WebhookNotifier(
            configuration: try KillSamples.webhooks(KillSamples.hookURL), options: WebhookOptions(drainTimeout: .seconds(10)),
            transport: transport, clock: clock, logger: logs.logger)
        let group = ServiceGroup(configuration: .init(services: [notifier], logger: LogCapture().logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            notifier.killed(KillSamples.kill(id: "K1"))
            notifier.killed(KillSamples.kill(id: "K2"))
            _ = await transport.sent(count: 1)
            await group.triggerGracefulShutdown()
            // The drain's bound is the only sleep: the receiver holds K1, and K2 waits behind it.
            await clock.sleeping()
            clock.advance(by: .seconds(10) - .nanoseconds(1))
            #expect(clock.sleeperCount == 1 && notifier.statistics.abandoned == 0)
            clock.advance(by: .nanoseconds(1))
            try await tasks.next()
        }
        #expect(clock.now.offset == .seconds(10))
        #expect(transport.sent.count == 1)
        #expect(notifier.statistics.abandoned == 2 && notifier.statistics.delivered == 0)
        #expect(logs.all.contains { $0.contains("abandoned at shutdown") && $0.contains("count=2") })
    }

    /// Runs the notifier, lets its one target answer `first` to the first attempt and 200 after, and finishes while the
    /// sender waits to retry; `wait` moves the clock on once both the retry and the drain's bound sleep.
    private func finishWhileARetryWaits(
        first: ScriptedTransport.Answer, wait: Duration
    ) async throws -> (clock: SteppingClock, transport: ScriptedTransport, statistics: WebhookStatistics) {
        let clock = SteppingClock()
        let transport = ScriptedTransport(clock: clock) { _, index in index == 0 ? first : .status(200) }
        let notifier = WebhookNotifier(
            configuration: try KillSamples.webhooks(KillSamples.hookURL), options: WebhookOptions(drainTimeout: .seconds(10)),
            transport: transport, clock: clock)
        async let run: Void = notifier.run()
        notifier.killed(KillSamples.kill())
        await clock.sleeping()
        notifier.finish()
        await clock.sleeping(count: 2)
        clock.advance(by: wait)
        await run
        return (clock, transport, notifier.statistics)
    }

    @Test func aRetryDueWithinTheDrainIsStillMadeAndEndsTheDrain() async throws {
        let (clock, transport, statistics) = try await finishWhileARetryWaits(first: .status(503), wait: .milliseconds(250))
        #expect(transport.sent.map(\.at) == [.zero, .milliseconds(250)])
        #expect(statistics.delivered == 1 && statistics.abandoned == 0)
        #expect(clock.now.offset == .milliseconds(250) && clock.sleeperCount == 0)
    }

    @Test func aRetryDueAfterTheDrainIsAbandoned() async throws {
        let (clock, transport, statistics) = try await finishWhileARetryWaits(
            first: .status(503, retryAfter: "60"), wait: .seconds(10))
        #expect(transport.sent.count == 1)
        #expect(statistics.delivered == 0 && statistics.abandoned == 1)
        #expect(clock.now.offset == .seconds(10) && clock.sleeperCount == 0)
    }

    @Test func gracefulShutdownDeliversWhatIsQueued() async throws {
        let clock = SteppingClock()
        let transport = ScriptedTransport(clock: clock)
        let notifier = WebhookNotifier(configuration: try KillSamples.webhooks(KillSamples.hookURL), transport: transport, clock: clock)
        for id in ["K1", "K2", "K3"] { notifier.killed(KillSamples.kill(id: id)) }
        let group = ServiceGroup(configuration: .init(services: [notifier], logger: LogCapture().logger))
        async let run: Void = group.run()
        await group.triggerGracefulShutdown()
        try await run
        #expect(try transport.sent.map { try $0.killID() } == ["K1", "K2", "K3"])
        #expect(notifier.statistics.delivered == 3)
        #expect(clock.now.offset == .zero)
    }

    @Test func withoutTargetsItRunsUntilFinishedAndReportsNothing() async throws {
        let clock = SteppingClock()
        let notifier = WebhookNotifier(
            configuration: WebhookConfiguration(targets: []), transport: ScriptedTransport(clock: clock), clock: clock)
        notifier.killed(KillSamples.kill())
        try await notifier.running {}
        #expect(notifier.statistics == WebhookStatistics())
    }
}

@Suite struct WebhookBufferTests {
    @Test func itKeepsTheNewestAndReportsWhatItDropped() {
        var buffer = WebhookBuffer<Int>(capacity: 3)
        #expect(buffer.push(1) == nil)
        #expect(buffer.push(2) == nil)
        #expect(buffer.push(3) == nil)
        #expect(buffer.push(4) == 1)
        #expect(buffer.push(5) == 2)
        #expect(buffer.count == 3)
        #expect([buffer.popFirst(), buffer.popFirst(), buffer.popFirst(), buffer.popFirst()] == [3, 4, 5, nil])
        #expect(buffer.isEmpty)
    }

    @Test func itStaysInOrderAcrossManyPushesAndPops() {
        var buffer = WebhookBuffer<Int>(capacity: 1_000)
        var expected: [Int] = []
        var popped: [Int] = []
        for value in 0..<1_000 {
            _ = buffer.push(value)
            expected.append(value)
            if value % 3 == 0, let first = buffer.popFirst() { popped.append(first) }
        }
        while let first = buffer.popFirst() { popped.append(first) }
        #expect(popped == expected)
    }
}
