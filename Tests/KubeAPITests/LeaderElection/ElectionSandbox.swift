import Foundation
import KubeSandbox
import Testing

@testable import KubeAPI

/// A sandbox with namespace `demo` and three users, each with its own client, for electors that compete over real
/// HTTP. Timings are short (lease 6 s, renew deadline 4.5 s, retry 0.75 s, client-go's ratios) so failovers take
/// seconds, yet long enough that a renewal still fits in its deadline while the whole suite loads both cores.
struct ElectionSandbox {
    static let leaseDuration = Duration.seconds(6)
    static let renewDeadline = Duration.milliseconds(4500)
    static let retryPeriod = Duration.milliseconds(750)
    static let users = ["alice", "bob", "carol"]

    let sandbox: Sandbox
    /// One client per user, so a fault can be aimed at one elector; `admin` plays the outside writer.
    let clients: [String: KubernetesClient]

    static func with<R>(_ body: (ElectionSandbox) async throws -> R) async throws -> R {
        let people = users.map { SandboxUser(name: $0, token: "token-\($0)", groups: ["system:masters", "system:authenticated"]) }
        let sandbox = try await Sandbox.start(SandboxOptions(users: [.randomAdmin()] + people, controllers: false))
        var clients: [String: KubernetesClient] = [:]
        do {
            _ = try await sandbox.load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n")
            for user in users + ["admin"] {
                clients[user] = try KubernetesClient(
                    config: sandbox.clusterConfig(user: user, namespace: "demo"),
                    options: .testing(maxAttempts: 2, requestTimeout: .seconds(30)))
            }
            let result = try await body(ElectionSandbox(sandbox: sandbox, clients: clients))
            await shutdown(clients, sandbox)
            return result
        } catch {
            await shutdown(clients, sandbox)
            throw error
        }
    }

    private static func shutdown(_ clients: [String: KubernetesClient], _ sandbox: Sandbox) async {
        for client in clients.values { try? await client.shutdown() }
        await sandbox.stop()
    }

    var admin: KubernetesClient { clients["admin"]! }

    static func config(_ identity: String, lease: String = "chaos", releaseOnCancel: Bool = true) -> LeaderElectionConfig {
        LeaderElectionConfig(
            leaseNamespace: "demo", leaseName: lease, identity: identity, leaseDuration: leaseDuration, renewDeadline: renewDeadline,
            retryPeriod: retryPeriod, releaseOnCancel: releaseOnCancel)
    }

    /// An elector for `identity` that talks as `user` (by default the user of the same name).
    func elector(_ identity: String, user: String? = nil, releaseOnCancel: Bool = true) throws -> LeaderElector {
        let lock = KubernetesLeaseLock(client: clients[user ?? identity]!)
        return try LeaderElector(lock: lock, config: Self.config(identity, releaseOnCancel: releaseOnCancel))
    }

    func lease(_ name: String = "chaos") async throws -> Lease {
        try await admin.get(Lease.self, namespace: "demo", name: name)
    }
}

/// A running `LeaderElector.run()`; `stop()` cancels it and waits until it has returned (released, when configured).
struct RunningElector {
    let elector: LeaderElector
    let task: Task<Void, Never>

    init(_ elector: LeaderElector) {
        self.elector = elector
        self.task = Task { await elector.run() }
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}

/// Polls `condition` until it holds or `limit` passes; returns whether it held.
func eventually(within limit: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// How many electors lead, sampled every 20 ms for `period`; each entry is one sample.
func sampleLeaders(_ electors: [LeaderElector], for period: Duration) async -> [Int] {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: period)
    var samples: [Int] = []
    while clock.now < end {
        samples.append(await leaders(electors))
        try? await Task.sleep(for: .milliseconds(20))
    }
    return samples
}

/// How many of `electors` lead now.
func leaders(_ electors: [LeaderElector]) async -> Int {
    var leading = 0
    for elector in electors {
        if await elector.isLeading { leading += 1 }
    }
    return leading
}
