extension Sandbox {
    /// Replaces the fault plan; the new rules start with no firings.
    public func setFaults(_ plan: FaultPlan) async {
        await faults.setPlan(plan)
    }

    /// Adds a rule after the current ones.
    public func addFault(_ rule: FaultRule) async {
        await faults.append(rule)
    }

    /// Removes every rule: requests are served normally again.
    public func clearFaults() async {
        await faults.clear()
    }

    /// The requests served so far (verb, path with query, user), oldest first; the `/sandbox` endpoint is not counted.
    public func requests() async -> [FaultRequest] {
        await faults.requests
    }

    /// How many requests were served since the start, in all and by verb; the `/sandbox` endpoint is not counted.
    public func requestCounts() async -> RequestCounts {
        await faults.counts
    }
}
