import NIOCore

/// Writes a watch's events as newline-delimited JSON chunks until the watch ends, times out or the client goes.
struct WatchStreamer: Sendable {
    let store: ClusterStore
    let plan: WatchPlan
    let bookmarkInterval: Duration
    /// A fault: end the stream after this many events, as a server that closes watches early would.
    var eventLimit: Int? = nil

    /// Writes the events to `sink`; a client that leaves (`sink.onClose`) ends its watch even while idle.
    func stream(to sink: some ResponseSink) async throws {
        if let error = plan.immediateError {
            try await write(SandboxWatchEvent(type: .error, object: error.statusBody).wireValue, to: sink)
            return
        }
        guard let subscription = plan.subscription else { return }
        let store = self.store
        let timeout = plan.timeout
        let bookmarks = plan.bookmarks
        let interval = bookmarkInterval
        // A callback rather than a waiting task: the client may go long after this watch has ended.
        sink.onClose {
            Task(executorPreference: DedicatedExecutor.sandbox) { await store.stopWatch(subscription.id) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Ending the subscription finishes its stream, which ends the writing loop below cleanly.
            if let timeout {
                group.addTask {
                    try? await Task.sleep(for: timeout)
                    await store.stopWatch(subscription.id)
                }
            }
            if bookmarks {
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        await store.sendBookmark(to: subscription.id)
                    }
                }
            }
            defer { group.cancelAll() }
            do {
                var written = 0
                if eventLimit.map({ $0 > 0 }) ?? true {
                    for await event in subscription.events {
                        try await write(plan.render(event), to: sink)
                        written += 1
                        if let eventLimit, written >= eventLimit { break }
                    }
                }
            } catch {
                await store.stopWatch(subscription.id)
                throw error
            }
            await store.stopWatch(subscription.id)
        }
    }

    private func write(_ value: JSONValue, to sink: some ResponseSink) async throws {
        try await sink.write(ByteBuffer(bytes: value.jsonLine()))
    }
}
