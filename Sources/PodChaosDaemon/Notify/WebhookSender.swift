import AsyncHTTPClient
import Logging
import NIOCore

/// Delivers one notification to one target, retrying as `WebhookRetryPolicy` says.
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

    let client: HTTPClient
    let options: WebhookOptions
    let logger: Logger
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
            let answer = await send(request, target: target)
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
                try await Task.sleep(for: wait ?? policy.backoff(beforeRetry: attempt, random: random()))
            } catch {
                return .abandoned
            }
        }
        logger.warning("webhook notification dropped after \(attempts) attempts")
        return .gaveUp(attempts: attempts)
    }

    private func makeRequest(_ payload: WebhookPayload, event: WebhookEvent, target: WebhookTarget) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: target.url.absoluteString)
        request.method = .POST
        if let authorization = target.authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "Content-Type", value: payload.contentType)
        request.headers.add(name: "User-Agent", value: "\(event.tool.name)/\(event.tool.version)")
        request.headers.add(name: "X-Podchaosmonkey-Event", value: event.kind.rawValue)
        // The same on every retry, so that a receiver can drop a duplicate after a lost answer.
        request.headers.add(name: "X-Podchaosmonkey-Delivery", value: "\(event.kill.killId)-\(event.kind.rawValue)")
        request.body = .bytes(Array(payload.body))
        return request
    }

    private func send(_ request: HTTPClientRequest, target: WebhookTarget) async -> Answer {
        do {
            let timeout = TimeAmount.nanoseconds(
                Int64(min(options.requestTimeout.inSeconds, 86_400) * 1_000_000_000))
            let response = try await client.execute(request, timeout: timeout)
            // Read and discard the answer so that the connection can be reused; the status says all.
            do {
                for try await _ in response.body {}
            } catch {}
            return .status(Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"))
        } catch {
            // Errors may quote the URL they were given: keep only scheme and host.
            return .failure(target.scrub(String(describing: error)))
        }
    }
}
