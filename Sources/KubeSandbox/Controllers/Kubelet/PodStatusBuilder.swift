import Foundation
import KubeAPI

/// The pod status a kubelet reports for a `PodRun`. Conditions keep their transition times while unchanged, so
/// writing the same stage twice changes nothing.
enum PodStatusBuilder {
    static func status(of pod: JSONValue, run: PodRun, now: Date) -> JSONValue {
        var status = pod["status"] ?? .object([:])
        let running: Bool
        let ready: Bool
        switch run.stage {
        case .running, .ready: running = true
        default: running = false
        }
        if case .ready = run.stage { ready = true } else { ready = false }
        // A crash-looping container restarts in place: the pod stays Running as the kubelet reports it.
        let started = running || run.restarts > 0
        status["phase"] = .string(started ? "Running" : "Pending")
        status["hostIP"] = .string(run.hostIP)
        status["hostIPs"] = .array([.object(["ip": .string(run.hostIP)])])
        if let ip = run.podIP, started {
            status["podIP"] = .string(ip)
            status["podIPs"] = .array([.object(["ip": .string(ip)])])
        }
        status["startTime"] = .string(KubeJSON.formatTimestamp(run.acceptedAt))
        ConditionList.set(&status, type: "PodReadyToStartContainers", to: true, now: now)
        ConditionList.set(&status, type: "Initialized", to: true, now: now)
        let notReady = ready ? nil : "ContainersNotReady"
        let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        let message =
            ready ? nil : "containers with unready status: [\(containers.compactMap { $0["name"]?.stringValue }.joined(separator: " "))]"
        ConditionList.set(&status, type: "Ready", to: ready, reason: notReady, message: message, now: now)
        ConditionList.set(&status, type: "ContainersReady", to: ready, reason: notReady, message: message, now: now)
        ConditionList.set(&status, type: "PodScheduled", to: true, now: now)
        status["containerStatuses"] = .array(containers.map { containerStatus($0, run: run, ready: ready, running: running) })
        return status
    }

    private static func containerStatus(_ container: JSONValue, run: PodRun, ready: Bool, running: Bool) -> JSONValue {
        let image = container["image"] ?? .string("")
        var result: JSONValue = .object([
            "name": container["name"] ?? .string(""), "image": image, "imageID": .string(""), "ready": .bool(ready),
            "started": .bool(running), "restartCount": .number(Double(run.restarts)), "lastState": .object([:]),
        ])
        switch run.stage {
        case .creating:
            result["state"] = waiting("ContainerCreating", nil)
        case .imagePullError:
            result["state"] = waiting("ErrImagePull", "failed to pull and unpack image \(image.stringValue ?? ""): not found")
        case .imagePullBackOff:
            result["state"] = waiting("ImagePullBackOff", "Back-off pulling image \"\(image.stringValue ?? "")\"")
        case .running(let since), .ready(let since):
            result["state"] = .object(["running": .object(["startedAt": .string(KubeJSON.formatTimestamp(since))])])
            result["containerID"] = .string("containerd://\(run.uid.replacingOccurrences(of: "-", with: ""))\(run.restarts)")
        case .crashBackOff:
            let name = container["name"]?.stringValue ?? ""
            result["state"] = waiting("CrashLoopBackOff", "back-off restarting failed container \(name) in pod (restart \(run.restarts))")
        }
        if let last = run.lastTermination {
            result["lastState"] = .object([
                "terminated": .object([
                    "exitCode": .number(1), "reason": .string("Error"), "startedAt": .string(KubeJSON.formatTimestamp(last.started)),
                    "finishedAt": .string(KubeJSON.formatTimestamp(last.finished)),
                ])
            ])
        }
        return result
    }

    private static func waiting(_ reason: String, _ message: String?) -> JSONValue {
        var state: JSONValue = .object(["reason": .string(reason)])
        if let message { state["message"] = .string(message) }
        return .object(["waiting": state])
    }
}
