import Foundation
import KubeAPI
import PodChaos

/// The pause annotations and the health gate, read on every tick.
extension ChaosDaemon {
    struct NamespaceGates {
        var paused: Set<String> = []
        var unready: Set<String> = []
    }

    private static func isPaused(_ annotations: [String: String]?) -> Bool {
        annotations?[PodChaosKeys.paused]?.lowercased() == "true"
    }

    /// Paused namespaces (`podchaosmonkey.io/paused=true`) and those with more unready pods than `--max-unready`,
    /// among the namespaces the selection looked at.
    func namespaceGates(_ planned: PlanResult) async throws -> NamespaceGates {
        var gates = NamespaceGates()
        let cache = await self.cache?.isRunning == true ? self.cache : nil
        let scope = options.kill.criteria.namespaces
        var namespaces = Set(planned.inventory.candidates.map(\.namespace))
        namespaces.formUnion(scope.included.filter { !scope.excluded.contains($0) && !scope.protected.contains($0) })
        for namespace in namespaces.sorted() {
            if let cache {
                if let object = try await cache.namespace(namespace), Self.isPaused(object.metadata.annotations) {
                    gates.paused.insert(namespace)
                }
                continue
            }
            do {
                let object = try await client.get(Namespace.self, name: namespace)
                if Self.isPaused(object.metadata.annotations) { gates.paused.insert(namespace) }
            } catch let error as KubeAPIError where error.isNotFound {
                continue
            }
        }
        var unready: [String: Int] = [:]
        for candidate in planned.inventory.candidates where Self.isUnready(candidate.pod) {
            unready[candidate.namespace, default: 0] += 1
        }
        gates.unready = Set(unready.filter { $0.value > options.maxUnready }.keys)
        return gates
    }

    /// A pod that should serve and does not. Finished pods (Jobs) and pods on their way out are not counted: the
    /// victim being replaced is the recovery gate's business.
    private static func isUnready(_ pod: Pod) -> Bool {
        if pod.isTerminating || pod.phase == .succeeded || pod.phase == .failed { return false }
        return !pod.isReady
    }

    /// Whether the tool's own Deployment carries the pause annotation; read on every tick.
    func selfPaused() async throws -> Bool {
        if !selfResolved {
            if let configured = options.selfDeployment {
                selfDeployment = configured
            } else {
                selfDeployment = try await resolveSelfDeployment()
            }
            selfResolved = true
            if let selfDeployment {
                logger.info("pause annotation read from own Deployment", metadata: ["deployment": "\(selfDeployment)"])
            }
        }
        guard let selfDeployment else { return false }
        if let cache, await cache.isRunning { return Self.isPaused(try await cache.ownDeployment(selfDeployment)?.metadata.annotations) }
        do {
            let deployment = try await client.get(Deployment.self, namespace: selfDeployment.namespace, name: selfDeployment.name)
            return Self.isPaused(deployment.metadata.annotations)
        } catch let error as KubeAPIError where error.isNotFound {
            return false
        }
    }

    private func resolveSelfDeployment() async throws -> DeploymentRef? {
        let identity = options.kill.criteria.selfIdentity
        do {
            return try await OwnPod.read(identity, client: client)?.deployment.map { DeploymentRef(namespace: $0.namespace, name: $0.name) }
        } catch let error as KubeAPIError where error.isNotFound {
            let pod = "\(identity.namespace ?? client.config.namespace)/\(identity.podName ?? "")"
            logger.notice("own pod not found; only namespaces can pause the daemon", metadata: ["pod": "\(pod)"])
            return nil
        }
    }
}
