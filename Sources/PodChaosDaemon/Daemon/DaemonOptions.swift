import Foundation
import PodChaos

/// Everything `run` decides with, besides the seams (schedule, window, leadership, notifier).
public struct DaemonOptions: Sendable {
    /// Selection, kill mode, safety floor and recovery observation, as for `kill`. Its `maxKills` caps each tick;
    /// its `seed` seeds the daemon's draws; count, owners and per-owner limits are set by the daemon per tick.
    public var kill: KillOptions
    public var budget: KillBudget
    public var mtbf: MTBFRule
    /// `--max-unready`: a target namespace with more unready pods than this is left alone for the tick.
    public var maxUnready: Int
    /// `--once`: one tick now, wait for its recovery, return.
    public var once: Bool
    /// `--max-runtime`: stop scheduling after this long.
    public var maxRuntime: Duration?
    /// `--shutdown-timeout`: how long a stop waits for the recovery being observed before abandoning it.
    public var shutdownTimeout: Duration
    /// `--tick-timeout`: a tick running longer than this fails `/healthz` (TickLiveness).
    public var tickTimeout: Duration = .seconds(300)
    /// The tool's own Deployment, whose `podchaosmonkey.io/paused=true` pauses everything. nil: found from the own pod
    /// (`POD_NAME`) through its owner chain, when known.
    public var selfDeployment: DeploymentRef?
    /// With `once`: how long to wait for leadership to be known before giving up (a Lease the RBAC forbids, say).
    public var leadershipTimeout: Duration = .seconds(30)

    public init(
        kill: KillOptions = KillOptions(), budget: KillBudget = KillBudget(), mtbf: MTBFRule = MTBFRule(), maxUnready: Int = 0,
        once: Bool = false, maxRuntime: Duration? = nil, shutdownTimeout: Duration = .seconds(30), selfDeployment: DeploymentRef? = nil
    ) {
        self.kill = kill
        self.budget = budget
        self.mtbf = mtbf
        self.maxUnready = maxUnready
        self.once = once
        self.maxRuntime = maxRuntime
        self.shutdownTimeout = shutdownTimeout
        self.selfDeployment = selfDeployment
    }
}

/// `namespace/name` of a Deployment.
public struct DeploymentRef: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Parses `namespace/name`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(namespace: String(parts[0]), name: String(parts[1]))
    }

    public var description: String { "\(namespace)/\(name)" }
}
