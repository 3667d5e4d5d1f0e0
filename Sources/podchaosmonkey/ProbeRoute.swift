import ArgumentParser
import Foundation
import KubeAPI
import PodChaos

/// `--probe-via`: how a `service:` probe reaches its Service.
enum ProbeRoute: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The cluster's DNS when podchaosmonkey runs in a pod with the in-cluster configuration, else the API server's proxy.
    case auto
    case dns
    case proxy

    /// `auto` reads the cluster's DNS only where it resolves: when the client uses the in-cluster configuration, that
    /// is in a pod with neither --kubeconfig nor --context (as `ConfigResolver` decides).
    func serviceRoute(kubeconfig: String?, context: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> NetworkProbeTransport.ServiceRoute
    {
        switch self {
        case .dns: return .clusterDNS
        case .proxy: return .apiProxy
        case .auto:
            let explicit = !(kubeconfig ?? "").isEmpty || !(context ?? "").isEmpty
            return !explicit && InClusterConfig.isAvailable(environment: environment) ? .clusterDNS : .apiProxy
        }
    }
}
