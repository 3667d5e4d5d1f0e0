import KubeAPI
import Logging
import PodChaos

/// `Leadership` on a `coordination.k8s.io/v1` Lease through `LeaderElector`: only the holder kills, and the kill
/// history lives in the Lease's `podchaosmonkey.io/history` annotation, so a successor inherits it on failover.
public struct LeaseLeadership: Leadership {
    public let elector: LeaderElector

    public init(elector: LeaderElector) {
        self.elector = elector
    }

    /// Validates `config` (client-go's rules); throws `LeaderElectionError` naming the offending value.
    public init(client: KubernetesClient, config: LeaderElectionConfig, logger: Logger? = nil) throws {
        self.elector = try LeaderElector(lock: KubernetesLeaseLock(client: client), config: config, logger: logger)
    }

    public func isLeading() async -> Bool { await elector.isLeading }

    public func isKnown() async -> Bool { await elector.isKnown }

    public func untilKnown() async { await elector.untilKnown() }

    public func holder() async -> String? { await elector.holder }

    public func persistedState() async -> String? { await elector.annotation(PodChaosKeys.history) }

    public func persist(_ state: String) async throws {
        try await elector.persist(state, annotation: PodChaosKeys.history)
    }

    public func run() async throws {
        await elector.run()
    }
}
