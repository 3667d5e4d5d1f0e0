import AsyncHTTPClient
import Logging
import NIOCore
import PodChaos
import ServiceLifecycle
import Synchronization

/// Posts each kill and each recovery verdict to every configured webhook.
///
/// `killed` and `recovered` only enqueue, so a slow or dead receiver never delays a kill decision; `run` delivers,
/// each target independently and in order, with retries. As a swift-service-lifecycle `Service`, a graceful
/// shutdown stops waiting for news and delivers what is queued for at most `WebhookOptions.drainTimeout`.
public final class WebhookNotifier: KillNotifier, Service {
    private let lanes: [WebhookLane]
    private let options: WebhookOptions
    private let toolVersion: String
    private let logger: Logger
    private let injectedClient: HTTPClient?
    private let stopping = StopSignal()
    private let started = Mutex(false)
    private let counters = Mutex(WebhookStatistics())

    /// - Parameters:
    ///   - configuration: the targets.
    ///   - toolVersion: reported as `tool.version` and in the User-Agent.
    ///   - httpClient: a client to share; it is not shut down. Without one, `run` creates its own and shuts it down.
    ///   - logger: failures are logged at warning, deliveries at debug; URLs only as scheme://host.
    public init(
        configuration: WebhookConfiguration, toolVersion: String, options: WebhookOptions = .init(),
        httpClient: HTTPClient? = nil, logger: Logger = Logger(label: "podchaosmonkey.webhook")
    ) {
        lanes = configuration.targets.map { WebhookLane(target: $0, capacity: options.bufferCapacity) }
        self.options = options
        self.toolVersion = toolVersion
        self.injectedClient = httpClient
        self.logger = logger
    }

    public var statistics: WebhookStatistics {
        var statistics = counters.withLock { $0 }
        statistics.dropped = lanes.reduce(0) { $0 + $1.dropped }
        return statistics
    }

    public func killed(_ kill: KillReport.Kill) {
        enqueue(WebhookEvent(kind: .kill, kill: kill, toolVersion: toolVersion))
    }

    public func recovered(_ kill: KillReport.Kill) {
        enqueue(WebhookEvent(kind: .verdict, kill: kill, toolVersion: toolVersion))
    }

    public func interrupted(_ kill: KillReport.Kill) {
        enqueue(WebhookEvent(kind: .interrupted, kill: kill, toolVersion: toolVersion))
    }

    private func enqueue(_ event: WebhookEvent) {
        for lane in lanes {
            guard case .droppedOldest(first: true) = lane.enqueue(event) else { continue }
            // Once per target: a receiver that is down would otherwise add a log line to every kill.
            logger.warning(
                "webhook is not keeping up; dropping its oldest notifications (further drops are only counted)",
                metadata: ["target": "\(lane.target.redacted)", "flag": "\(lane.target.flag)", "buffer": "\(options.bufferCapacity)"])
        }
    }

    /// Delivers until `finish()` or graceful shutdown, then drains for at most `drainTimeout`. Call it once.
    public func run() async {
        let isFirstRun = started.withLock { wasStarted in
            defer { wasStarted = true }
            return !wasStarted
        }
        guard isFirstRun else {
            logger.error("WebhookNotifier.run() called twice; the second call returns at once")
            return
        }
        let client = injectedClient ?? HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.clientConfiguration(options))
        let sender = WebhookSender(client: client, options: options, logger: logger)
        await withGracefulShutdownHandler {
            await self.deliver(with: sender)
        } onGracefulShutdown: {
            self.finish()
        }
        if injectedClient == nil {
            try? await client.shutdown()
        }
    }

    /// Stops waiting for new notifications; `run` returns once the queued ones are delivered or the drain times out.
    public func finish() {
        stopping.trigger()
        for lane in lanes { lane.close() }
    }

    private func deliver(with sender: WebhookSender) async {
        let drained = await withTaskGroup(of: Bool.self, returning: Bool.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { delivery in
                    for lane in self.lanes {
                        delivery.addTask {
                            await lane.run { event in self.record(await sender.deliver(event, to: lane.target)) }
                        }
                    }
                    // Without targets there is nothing to drain, but a Service must still run until shut down.
                    delivery.addTask { await self.stopping.wait() }
                }
                return true
            }
            group.addTask {
                await self.stopping.wait()
                try? await Task.sleep(for: self.options.drainTimeout)
                return false
            }
            let drained = await group.next() ?? true
            group.cancelAll()
            return drained
        }
        let left = lanes.reduce(0) { $0 + $1.pending }
        if !drained || left > 0 {
            counters.withLock { $0.abandoned += left }
            if left > 0 {
                logger.warning("webhook notifications abandoned at shutdown", metadata: ["count": "\(left)"])
            }
        }
        let statistics = statistics
        if statistics.dropped > 0 {
            logger.warning("webhook notifications dropped from full buffers", metadata: ["count": "\(statistics.dropped)"])
        }
    }

    private func record(_ outcome: WebhookSender.Outcome) {
        counters.withLock { counters in
            switch outcome {
            case .delivered(let attempts):
                counters.delivered += 1
                counters.attempts += attempts
            case .rejected(let attempts), .gaveUp(let attempts):
                counters.failed += 1
                counters.attempts += attempts
            case .abandoned:
                counters.abandoned += 1
            }
        }
    }

    private static func clientConfiguration(_ options: WebhookOptions) -> HTTPClient.Configuration {
        let connect = TimeAmount.milliseconds(Int64(min(options.requestTimeout.inSeconds, 86_400) * 1000))
        // A redirect would send the body somewhere nobody configured.
        return HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: connect))
    }
}
