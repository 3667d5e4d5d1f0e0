import Foundation
import KubeTesting
import PodChaos
import ServiceLifecycle
import Testing

@testable import PodChaosDaemon

/// A slow or dead receiver never delays a kill: notifications queue, the oldest make way, targets are independent.
@Suite(.dedicatedThreads) struct WebhookQueueTests {
    /// Holds the first request (for up to a minute, or until released) and accepts the rest.
    static let firstHangs: WebhookReceiver.Script = { _, index in index == 0 ? .hang : .status(200) }
    static let allHang: WebhookReceiver.Script = { _, _ in .hang }

    @Test func aHangingReceiverDoesNotBlockKillsAndAFullBufferDropsTheOldest() async throws {
        let logs = LogCapture()
        let (statistics, enqueueTime) = try await WebhookReceiver.with(script: Self.firstHangs) { receiver in
            let configuration = try WebhookConfiguration(webhooks: [receiver.url()], template: nil, slackWebhooks: [], environment: [:])
            let notifier = WebhookNotifier(
                configuration: configuration, toolVersion: "1", options: KillSamples.fastOptions(capacity: 3), logger: logs.logger)
            return try await notifier.running {
                notifier.killed(KillSamples.kill(id: "K1"))
                // K1 is now in flight, held by the receiver.
                _ = try await receiver.waitForRequests(1)
                let clock = ContinuousClock()
                let enqueueTime = clock.measure {
                    for id in ["K2", "K3", "K4", "K5", "K6"] { notifier.killed(KillSamples.kill(id: id)) }
                }
                receiver.release()
                return (notifier.statistics, enqueueTime)
            }
        }
        // The receiver holds K1 for up to a minute; enqueueing behind it must not wait for that.
        #expect(enqueueTime < .seconds(2))
        #expect(statistics.dropped == 2)
        let drops = logs.all.filter { $0.contains("dropping its oldest") }
        #expect(drops.count == 1)
    }

    @Test func theNewestNotificationsAreKeptWhenTheBufferOverflows() async throws {
        let (ids, statistics) = try await WebhookReceiver.with(script: Self.firstHangs) { receiver in
            let configuration = try WebhookConfiguration(webhooks: [receiver.url()], template: nil, slackWebhooks: [], environment: [:])
            let notifier = WebhookNotifier(
                configuration: configuration, toolVersion: "1", options: KillSamples.fastOptions(capacity: 3), logger: LogCapture().logger)
            try await notifier.running {
                notifier.killed(KillSamples.kill(id: "K1"))
                _ = try await receiver.waitForRequests(1)
                for id in ["K2", "K3", "K4", "K5", "K6"] { notifier.killed(KillSamples.kill(id: id)) }
                receiver.release()
            }
            let ids = try receiver.requests.map { try #require($0.json()["killId"] as? String) }
            return (ids, notifier.statistics)
        }
        #expect(ids == ["K1", "K4", "K5", "K6"])
        #expect(statistics.delivered == 4 && statistics.dropped == 2)
    }

    @Test func aHangingTargetDoesNotHoldBackAnother() async throws {
        try await WebhookReceiver.with(script: Self.allHang) { stuck in
            try await WebhookReceiver.with { healthy in
                let configuration = try WebhookConfiguration(
                    webhooks: [stuck.url(), healthy.url()], template: nil, slackWebhooks: [], environment: [:])
                let notifier = WebhookNotifier(
                    configuration: configuration, toolVersion: "1", options: KillSamples.fastOptions(), logger: LogCapture().logger)
                try await notifier.running {
                    notifier.killed(KillSamples.kill(id: "K1"))
                    notifier.recovered(KillSamples.kill(id: "K1"))
                    notifier.killed(KillSamples.kill(id: "K2"))
                    // The healthy receiver gets all three while the stuck one still holds the first.
                    let received = try await healthy.waitForRequests(3)
                    #expect(received.count == 3)
                    // The stuck one's first request may still be on its way on a loaded machine; it never gets a second.
                    #expect(try await stuck.waitForRequests(1).count == 1)
                    stuck.release()
                }
                #expect(stuck.requests.count == 3)
                #expect(notifier.statistics.delivered == 6)
            }
        }
    }

    @Test func gracefulShutdownDrainsForAtMostTheDrainTimeout() async throws {
        try await WebhookReceiver.with(script: Self.allHang) { receiver in
            let configuration = try WebhookConfiguration(webhooks: [receiver.url()], template: nil, slackWebhooks: [], environment: [:])
            var options = KillSamples.fastOptions()
            options.drainTimeout = .milliseconds(300)
            let notifier = WebhookNotifier(configuration: configuration, toolVersion: "1", options: options, logger: LogCapture().logger)
            let group = ServiceGroup(configuration: .init(services: [notifier], logger: LogCapture().logger))
            async let run: Void = group.run()
            notifier.killed(KillSamples.kill(id: "K1"))
            notifier.killed(KillSamples.kill(id: "K2"))
            _ = try await receiver.waitForRequests(1)
            // Timed from the shutdown, not from the start: reaching the receiver may take long on a loaded machine.
            let stopping = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await run
            // The receiver would hold K1 for a minute.
            #expect(ContinuousClock.now - stopping < .seconds(30))
            #expect(notifier.statistics.abandoned == 2)
            #expect(notifier.statistics.delivered == 0)
        }
    }

    @Test func gracefulShutdownDeliversWhatIsQueued() async throws {
        try await WebhookReceiver.with { receiver in
            let configuration = try WebhookConfiguration(webhooks: [receiver.url()], template: nil, slackWebhooks: [], environment: [:])
            let notifier = WebhookNotifier(
                configuration: configuration, toolVersion: "1", options: KillSamples.fastOptions(), logger: LogCapture().logger)
            for id in ["K1", "K2", "K3"] { notifier.killed(KillSamples.kill(id: id)) }
            let group = ServiceGroup(configuration: .init(services: [notifier], logger: LogCapture().logger))
            async let run: Void = group.run()
            await group.triggerGracefulShutdown()
            try await run
            #expect(receiver.requests.count == 3)
            #expect(notifier.statistics.delivered == 3)
        }
    }

    @Test func withoutTargetsItRunsUntilShutdown() async throws {
        let notifier = WebhookNotifier(configuration: WebhookConfiguration(targets: []), toolVersion: "1", logger: LogCapture().logger)
        notifier.killed(KillSamples.kill())
        let returned = StopSignal()
        let task = Task {
            await notifier.run()
            returned.trigger()
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!returned.isStopped)
        notifier.finish()
        await task.value
        #expect(notifier.statistics == WebhookStatistics())
    }
}

@Suite(.dedicatedThreads) struct WebhookBufferTests {
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
