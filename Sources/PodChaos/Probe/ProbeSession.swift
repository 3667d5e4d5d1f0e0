import Foundation

/// A run's probes at work: each sends at its rate, on `timer`, from `run()` until the task running it is cancelled,
/// and every answer is kept as a sample. Once the disruption has begun, every answer is checked against its probe's
/// abort criterion; the first probe that trips it raises `abort`, which stops the run starting further kills.
public actor ProbeSession {
    /// The fewest answers since the first kill before the abort criterion is judged: one failed request alone is
    /// not yet a trend.
    public static let minimumAbortSamples = 3

    public struct Abort: Sendable, Hashable {
        public var probe: String
        public var at: Date
        public var successRatio: Double
        public var threshold: Double
        public var requests: Int
    }

    public nonisolated let probes: [ProbeSpec]
    public nonisolated let abort = Interruption()
    private let transport: any ProbeTransport
    private let now: @Sendable () -> Date
    private let timer: any Clock<Duration>
    private var samples: [String: [ProbeSample]] = [:]
    private var disruptionStart: Date?
    private(set) var aborted: Abort?
    /// Requests sent and not yet answered, by id: when each was sent.
    private var inFlight: [Int: Date] = [:]
    private var nextRequest = 0
    private var settling: [(before: Date, continuation: CheckedContinuation<Void, Never>)] = []

    public init(probes: [ProbeSpec], transport: any ProbeTransport, now: @escaping @Sendable () -> Date, timer: any Clock<Duration>) {
        self.probes = probes
        self.transport = transport
        self.now = now
        self.timer = timer
    }

    /// Sends every probe at its rate until cancelled; answers that arrive after cancellation are dropped.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for probe in probes { group.addTask { await self.drive(probe, on: self.timer) } }
        }
    }

    /// From now on answers count towards the abort criterion.
    public func beginDisruption(at time: Date) {
        if disruptionStart == nil { disruptionStart = time }
    }

    /// Every probe's samples so far, by probe name, each in the order answered.
    public func recorded() -> [String: [ProbeSample]] { samples }

    public func abortCause() -> Abort? { aborted }

    /// Returns once every request sent before `time` has been answered (or timed out, or was cancelled), so that a
    /// decision about the requests up to `time` sees all of them.
    public func settled(before time: Date) async {
        guard inFlight.values.contains(where: { $0 < time }) else { return }
        await withCheckedContinuation { continuation in settling.append((time, continuation)) }
    }

    /// One send every `probe.rate.interval`, each in its own child task so that a slow answer does not delay the
    /// next send (a probe measures what a steady stream of users sees, not one user waiting).
    private nonisolated func drive<C: Clock<Duration>>(_ probe: ProbeSpec, on clock: C) async {
        await withTaskGroup(of: Void.self) { group in
            var next = clock.now
            while !Task.isCancelled {
                group.addTask { await self.send(probe) }
                // Sends missed while the process was held up are skipped, not sent in a burst.
                next = Swift.max(next.advanced(by: probe.rate.interval), clock.now)
                do {
                    try await clock.sleep(until: next, tolerance: nil)
                } catch {
                    break
                }
            }
            group.cancelAll()
        }
    }

    private func send(_ probe: ProbeSpec) async {
        let sentAt = now()
        let request = nextRequest
        nextRequest += 1
        inFlight[request] = sentAt
        let response = await transport.send(probe)
        defer { answered(request) }
        guard !Task.isCancelled else { return }
        let answeredAt = now()
        let sample = ProbeSample(
            sentAt: sentAt, latency: .seconds(max(0, answeredAt.timeIntervalSince(sentAt))),
            failure: probe.expectation.failure(of: response),
            value: { if case .value(let value) = response { value } else { nil } }())
        record(sample, of: probe)
    }

    /// Forgets the request and wakes the waits it held up.
    private func answered(_ request: Int) {
        inFlight[request] = nil
        let oldest = inFlight.values.min()
        let done = settling.filter { waiter in oldest.map { $0 >= waiter.before } ?? true }
        settling.removeAll { waiter in oldest.map { $0 >= waiter.before } ?? true }
        for waiter in done { waiter.continuation.resume() }
    }

    private func record(_ sample: ProbeSample, of probe: ProbeSpec) {
        samples[probe.name, default: []].append(sample)
        guard aborted == nil, let threshold = probe.abortBelow, let disruptionStart, sample.sentAt >= disruptionStart else { return }
        let since = samples[probe.name, default: []].filter { $0.sentAt >= disruptionStart }
        guard since.count >= Self.minimumAbortSamples else { return }
        let ratio = Double(since.count { $0.succeeded }) / Double(since.count)
        guard ratio < threshold else { return }
        aborted = Abort(probe: probe.name, at: now(), successRatio: ratio, threshold: threshold, requests: since.count)
        abort.raise(Interruption.Cause(name: "probe \(probe.name)", signal: 0))
    }
}
