/// The one wait of the suites that run against a live sandbox, whose controllers and simulated kubelet move on threads
/// of their own: asks `probe` every 20 ms until it answers, up to `limit`, then once more; nil if it never answered.
///
/// `limit` is a bound for a loaded machine, not a timing assertion: every suite starts at once on two cores, so it is
/// generous, and a test that can wait for an event instead (a watch, a continuation, a stepped clock) does that.
public func eventually<T>(within limit: Duration = .seconds(60), _ probe: () async throws -> T?) async throws -> T? {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if let value = try await probe() { return value }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await probe()
}

/// `condition` held within `limit` (see `eventually(within:_:)`); a condition that throws has not held yet.
public func eventuallyHolds(within limit: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
    try await eventually(within: limit) { (try? await condition()) == true ? true : nil } ?? false
}
