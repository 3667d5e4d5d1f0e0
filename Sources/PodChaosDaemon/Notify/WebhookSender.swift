import Logging

/// Delivers one notification to one target, retrying as `WebhookRetryPolicy` says; its waits between attempts are
/// measured on `clock`.
struct WebhookSender: Sendable {
    enum Outcome: Sendable, Hashable {
        case delivered(attempts: Int)
        /// The receiver refused it for good (4xx), or the body could not be made.
        case rejected(attempts: Int)
        /// Every attempt failed.
        case gaveUp(attempts: Int)
        /// Shut down before it could be delivered.
        case abandoned
    }

    /// What one attempt got: an HTTP status, or an error before there was one.
    private enum Answer {
        case status(Int, retryAfter: String?)
        case failure(String)
    }

    let transport: any WebhookTransport
    let options: WebhookOptions
    let clock: any Clock<Duration>
    let logger: Logger
    /// In [0, 1), for the backoff's jitter.
    var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    func deliver(_ event: WebhookEvent, to target: WebhookTarget) async -> Outcome {
        var logger = logger
        logger[metadataKey: "target"] = "\(target.redacted)"
        logger[metadataKey: "flag"] = "\(target.flag)"
        logger[metadataKey: "event"] = "\(event.kind.rawValue)"
        logger[metadataKey: "kill-id"] = "\(event.kill.killId)"

        let payload: WebhookPayload
        do {
            payload = try WebhookPayload(event: event, format: target.format)
        } catch {
            logger.error("webhook body cannot be rendered; notification dropped", metadata: ["error": "\(error)"])
            return .rejected(attempts: 0)
        }
        let request = makeRequest(payload, event: event, target: target)
        let policy = options.retry
        let attempts = max(1, policy.maxAttempts)

        for attempt in 1...attempts {
            if Task.isCancelled { return .abandoned }
            let answer = await send(request, to: target)
            let wait: Duration?
            switch answer {
            case .status(let status, let retryAfter):
                switch policy.decide(status: status, retryAfter: retryAfter) {
                case .delivered:
                    logger.debug("webhook delivered", metadata: ["status": "\(status)", "attempts": "\(attempt)"])
                    return .delivered(attempts: attempt)
                case .rejected:
                    logger.warning(
                        "webhook refused the notification; not retried", metadata: ["status": "\(status)", "attempts": "\(attempt)"])
                    return .rejected(attempts: attempt)
                case .retry(let after):
                    logger.info("webhook answered \(status); will retry", metadata: ["attempt": "\(attempt)"])
                    wait = after
                }
            case .failure(let description):
                if Task.isCancelled { return .abandoned }
                logger.info("webhook request failed; will retry", metadata: ["attempt": "\(attempt)", "error": "\(description)"])
                wait = nil
            }
            guard attempt < attempts else { break }
            do {
                try await clock.sleep(for: wait ?? policy.backoff(beforeRetry: attempt, random: random()))
            } catch {
                return .abandoned
            }
        }
        logger.warning("webhook notification dropped after \(attempts) attempts")
        return .gaveUp(attempts: attempts)
    }

    private func makeRequest(_ payload: WebhookPayload, event: WebhookEvent, target: WebhookTarget) -> WebhookRequest {
        var headers = [
            "Content-Type": payload.contentType,
            "User-Agent": "\(event.tool.name)/\(event.tool.version)",
            "X-Podchaosmonkey-Event": event.kind.rawValue,
            // The same on every retry, so that a receiver can drop a duplicate after a lost answer.
            "X-Podchaosmonkey-Delivery": "\(event.kill.killId)-\(event.kind.rawValue)",
        ]
        headers["Authorization"] = target.authorization
        return WebhookRequest(url: target.url, headers: headers, body: payload.body)
    }

    private func send(_ request: WebhookRequest, to target: WebhookTarget) async -> Answer {
        do {
            let response = try await transport.post(request)
            return .status(response.status, retryAfter: response.retryAfter)
        } catch {
            // Errors may quote the URL they were given: keep only scheme and host.
            return .failure(target.scrub(String(describing: error)))
        }
    }
}
