import Foundation

/// Binds pending pods without a node to the least-loaded Ready node that admits them (ties go to the first
/// name), setting `spec.nodeName` and PodScheduled=True. A pod that fits nowhere stays Pending with
/// PodScheduled=False, reason `Unschedulable`, and the real scheduler's kind of message; it is tried again when
/// a node changes.
public struct SchedulerController: Controller {
    public let name = "default-scheduler"

    public init() {}

    public mutating func observe(_ change: ObjectChange, in cache: ObjectCache) -> [ObjectKey] {
        if change.type == ControlledResources.pods { return Self.needsNode(change.object) && !change.deleted ? [change.key] : [] }
        guard change.type == ControlledResources.nodes else { return [] }
        return cache.all(ControlledResources.pods).filter(Self.needsNode).map { ObjectKey(ControlledResources.pods, of: $0) }
    }

    static func needsNode(_ pod: JSONValue) -> Bool {
        pod.nodeName.isEmpty && pod.isActivePod && pod.podPhase == "Pending"
    }

    public mutating func reconcile(_ key: ObjectKey, in cache: ObjectCache, now: Date) -> [ControllerAction] {
        guard let pod = cache.get(key), Self.needsNode(pod) else { return [] }
        let nodes = cache.all(ControlledResources.nodes).sorted { $0.name < $1.name }
        var rejections: [String: Int] = [:]
        var candidates: [JSONValue] = []
        let selector = JSONValue.stringMap(pod[path: ["spec", "nodeSelector"]])
        let refused = SandboxPodAnnotations(pod).failure == .unschedulable
        for node in nodes {
            let reason: String?
            if refused {
                reason = "node(s) were refused by annotation \(SandboxPodAnnotations.failureKey)=unschedulable"
            } else if !node.isNodeReady {
                reason = "node(s) had untolerated taint {node.kubernetes.io/not-ready: }"
            } else if node[path: ["spec", "unschedulable"]]?.boolValue == true {
                reason = "node(s) were unschedulable"
            } else if !ObjectSelector.mapMatches(selector, node.labels) {
                reason = "node(s) didn't match Pod's node affinity/selector"
            } else {
                reason = nil
            }
            if let reason { rejections[reason, default: 0] += 1 } else { candidates.append(node) }
        }
        guard let chosen = candidates.min(by: { cache.activePodCount(onNode: $0.name) < cache.activePodCount(onNode: $1.name) }) else {
            let message = Self.message(nodes: nodes.count, rejections: rejections)
            var actions = [markUnschedulable(key, message: message, now: now)]
            // One FailedScheduling event per new reason, not one per retry.
            if pod.condition(type: "PodScheduled")?["message"]?.stringValue != message {
                actions.append(
                    PodEvent.record(
                        "Warning", reason: "FailedScheduling", message: message, about: pod, component: "default-scheduler", now: now))
            }
            return actions
        }
        let node = chosen.name
        let assigned = "Successfully assigned \(pod.namespace ?? "")/\(pod.name) to \(node)"
        // Binding and the PodScheduled condition are two writes, as in the real scheduler (binding, then status).
        return [
            PodEvent.record("Normal", reason: "Scheduled", message: assigned, about: pod, component: "default-scheduler", now: now),
            .modify(key, subresource: nil) { current throws(StatusError) in
                guard current.nodeName.isEmpty else {
                    throw StatusError(
                        code: 409, reason: "Conflict", message: "pod \(current.name) is already assigned to node \"\(current.nodeName)\"")
                }
                var next = current
                next[path: ["spec", "nodeName"]] = .string(node)
                return next
            },
            .modify(key, subresource: .status) { current in
                var next = current
                var status = current["status"] ?? .object([:])
                ConditionList.set(&status, type: "PodScheduled", to: true, now: now)
                next["status"] = status
                return next
            },
        ]
    }

    /// `0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: …`, as
    /// kube-scheduler words it (reasons sorted, each with its count).
    static func message(nodes: Int, rejections: [String: Int]) -> String {
        guard nodes > 0 else { return "no nodes available to schedule pods" }
        let reasons = rejections.keys.sorted().map { "\(rejections[$0] ?? 0) \($0)" }.joined(separator: ", ")
        return "0/\(nodes) nodes are available: \(reasons). preemption: 0/\(nodes) nodes are available: "
            + "\(nodes) Preemption is not helpful for scheduling."
    }

    private func markUnschedulable(_ key: ObjectKey, message: String, now: Date) -> ControllerAction {
        .modify(key, subresource: .status) { current in
            var next = current
            var status = current["status"] ?? .object([:])
            ConditionList.set(&status, type: "PodScheduled", to: false, reason: "Unschedulable", message: message, now: now)
            next["status"] = status
            return next
        }
    }
}
