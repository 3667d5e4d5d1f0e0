import AsyncHTTPClient
import Logging
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
    private let transport: (any WebhookTransport)?
    private let clock: any Clock<Duration>
    private let random: @Sendable () -> Double
    private let stopping = StopSignal()
    private let started = Mutex(false)
    private let counters = Mutex(WebhookStatistics())

    /// - Parameters:
    ///   - configuration: the targets.
    ///   - toolVersion: reported as `tool.version` and in the User-Agent.
    ///   - httpClient: a client to share; it is not shut down. Without one, `run` creates its own and shuts it down.
    ///   - logger: failures are logged at warning, deliveries at debug; URLs only as scheme://host.
    public convenience init(
        configuration: WebhookConfiguration, toolVersion: String, options: WebhookOptions = .init(),
        httpClient: HTTPClient? = nil, logger: Logger = Logger(label: "podchaosmonkey.webhook")
    ) {
        self.init(
            configuration: configuration, toolVersion: toolVersion, options: options, httpClient: httpClient, transport: nil,
            clock: ContinuousClock(), random: { Double.random(in: 0..<1) }, logger: logger)
    }

    /// - Parameters:
    ///   - transport: what carries the requests; nil for HTTP through `httpClient` or a client of the notifier's own.
    ///   - clock: measures request timeouts, the waits between attempts and the drain at shutdown.
    ///   - random: in [0, 1), for the backoff's jitter.
    init(
        configuration: WebhookConfiguration, toolVersion: String, options: WebhookOptions, httpClient: HTTPClient?,
        transport: (any WebhookTransport)?, clock: any Clock<Duration>, random: @escaping @Sendable () -> Double, logger: Logger
    ) {
        lanes = configuration.targets.map { WebhookLane(target: $0, capacity: options.bufferCapacity) }
        self.options = options
        self.toolVersion = toolVersion
        self.injectedClient = httpClient
        self.transport = transport
        self.clock = clock
        self.random = random
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
        if let transport {
            await deliverUntilStopped(through: transport)
        } else {
            await HTTPWebhookTransport.with(client: injectedClient, options: options, clock: clock) { transport in
                await deliverUntilStopped(through: transport)
            }
        }
    }

    /// Stops waiting for new notifications; `run` returns once the queued ones are delivered or the drain times out.
    public func finish() {
        stopping.trigger()
        for lane in lanes { lane.close() }
    }

    private func deliverUntilStopped(through transport: any WebhookTransport) async {
        let sender = WebhookSender(transport: transport, options: options, clock: clock, logger: logger, random: random)
        await withGracefulShutdownHandler {
            await self.deliver(with: sender)
        } onGracefulShutdown: {
            self.finish()
        }
    }

    private func deliver(with sender: WebhookSender) async {
        // Delivery ends when every lane is closed and empty, or when the drain after the stop times out.
        await withTaskGroup(of: Void.self) { group in
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
            }
            group.addTask {
                await self.stopping.wait()
                try? await self.clock.sleep(for: self.options.drainTimeout)
            }
            await group.next()
            group.cancelAll()
        }
        // Those still queued, and those whose delivery the end of the drain cancelled (counted by `record`).
        let left = lanes.reduce(0) { $0 + $1.pending }
        let abandoned = counters.withLock { counters in
            counters.abandoned += left
            return counters.abandoned
        }
        if abandoned > 0 {
            logger.warning("webhook notifications abandoned at shutdown", metadata: ["count": "\(abandoned)"])
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
}
