import Foundation
import KubeAPI

/// Renders objects as a `meta.k8s.io/v1 Table`, which `kubectl get` asks for, with the columns kubectl users expect.
enum TableConverter {
    /// `includeObject`: `None`, `Metadata` (default) or `Object`.
    static func table(_ type: ResourceType, items: [JSONValue], listMetadata: JSONValue, includeObject: String?, now: Date = Date())
        -> JSONValue
    {
        .object([
            "kind": .string("Table"), "apiVersion": .string("meta.k8s.io/v1"), "metadata": listMetadata,
            "columnDefinitions": .array(columns(type).map(\.definition)),
            "rows": .array(items.map { row($0, type: type, includeObject: includeObject, now: now) }),
        ])
    }

    static func row(_ object: JSONValue, type: ResourceType, includeObject: String?, now: Date = Date()) -> JSONValue {
        var row: [String: JSONValue] = ["cells": .array(columns(type).map { $0.cell(object, now) })]
        switch includeObject ?? "Metadata" {
        case "None": break
        case "Object": row["object"] = object
        default:
            row["object"] = .object([
                "kind": .string("PartialObjectMetadata"), "apiVersion": .string("meta.k8s.io/v1"),
                "metadata": object["metadata"] ?? .object([:]),
            ])
        }
        return .object(row)
    }

    private struct Column {
        var name: String
        var type = "string"
        var format = ""
        var priority = 0
        var cell: (JSONValue, Date) -> JSONValue

        var definition: JSONValue {
            .object([
                "name": .string(name), "type": .string(type), "format": .string(format), "description": .string(name),
                "priority": .number(Double(priority)),
            ])
        }
    }

    private static func columns(_ type: ResourceType) -> [Column] {
        let name = Column(name: "Name", format: "name") { object, _ in object[path: ["metadata", "name"]] ?? .string("") }
        let age = Column(name: "Age") { object, now in .string(humanAge(of: object, now: now)) }
        switch type.descriptor.resource {
        case "pods":
            return [
                name,
                Column(name: "Ready") { object, _ in .string(podReady(object)) },
                Column(name: "Status") { object, _ in .string(podStatus(object)) },
                Column(name: "Restarts", type: "string") { object, _ in .string(String(podRestarts(object))) },
                age,
                Column(name: "IP", priority: 1) { object, _ in object[path: ["status", "podIP"]] ?? .string("<none>") },
                Column(name: "Node", priority: 1) { object, _ in object[path: ["spec", "nodeName"]] ?? .string("<none>") },
            ]
        case "deployments":
            return [
                name,
                Column(name: "Ready") { object, _ in .string("\(int(object, "status", "readyReplicas"))/\(int(object, "spec", "replicas"))")
                },
                Column(name: "Up-to-date", type: "integer") { object, _ in .number(Double(int(object, "status", "updatedReplicas"))) },
                Column(name: "Available", type: "integer") { object, _ in .number(Double(int(object, "status", "availableReplicas"))) },
                age,
            ]
        case "replicasets", "statefulsets":
            return [
                name,
                Column(name: "Desired", type: "integer") { object, _ in .number(Double(int(object, "spec", "replicas"))) },
                Column(name: "Current", type: "integer") { object, _ in .number(Double(int(object, "status", "replicas"))) },
                Column(name: "Ready", type: "integer") { object, _ in .number(Double(int(object, "status", "readyReplicas"))) },
                age,
            ]
        case "namespaces":
            return [name, Column(name: "Status") { object, _ in object[path: ["status", "phase"]] ?? .string("Active") }, age]
        case "poddisruptionbudgets":
            return [
                name,
                Column(name: "Min Available") { object, _ in .string(text(object[path: ["spec", "minAvailable"]])) },
                Column(name: "Max Unavailable") { object, _ in .string(text(object[path: ["spec", "maxUnavailable"]])) },
                Column(name: "Allowed Disruptions", type: "integer") { object, _ in
                    .number(Double(int(object, "status", "disruptionsAllowed")))
                },
                age,
            ]
        case "events" where type.descriptor.group.isEmpty:
            return [
                Column(name: "Last Seen") { object, now in
                    .string(humanAge(of: object, now: now, field: "lastTimestamp", fallback: "eventTime"))
                },
                Column(name: "Type") { object, _ in object["type"] ?? .string("") },
                Column(name: "Reason") { object, _ in object["reason"] ?? .string("") },
                Column(name: "Object") { object, _ in
                    .string(
                        "\(object[path: ["involvedObject", "kind"]]?.stringValue?.lowercased() ?? "")/\(object[path: ["involvedObject", "name"]]?.stringValue ?? "")"
                    )
                },
                Column(name: "Message") { object, _ in object["message"] ?? .string("") },
            ]
        default:
            return [name, age]
        }
    }

    private static func int(_ object: JSONValue, _ path: String...) -> Int { object[path: path]?.intValue ?? 0 }

    /// An int-or-string field as kubectl shows it: `2`, `50%`, or `N/A` when unset.
    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text): return text
        case .number: return value?.intValue.map(String.init) ?? "N/A"
        default: return "N/A"
        }
    }

    private static func podReady(_ pod: JSONValue) -> String {
        let total = pod[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
        let ready = (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).filter { $0["ready"]?.boolValue == true }.count
        return "\(ready)/\(total)"
    }

    private static func podStatus(_ pod: JSONValue) -> String {
        if pod[path: ["metadata", "deletionTimestamp"]] != nil { return "Terminating" }
        for status in pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [] {
            if let reason = status[path: ["state", "waiting", "reason"]]?.stringValue { return reason }
            if let reason = status[path: ["state", "terminated", "reason"]]?.stringValue { return reason }
        }
        return pod[path: ["status", "reason"]]?.stringValue ?? pod[path: ["status", "phase"]]?.stringValue ?? "Unknown"
    }

    private static func podRestarts(_ pod: JSONValue) -> Int {
        (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reduce(0) { $0 + ($1["restartCount"]?.intValue ?? 0) }
    }

    /// kubectl's short human durations: 45s, 3m12s, 25m, 5h10m, 3d4h, 12d.
    static func humanAge(of object: JSONValue, now: Date, field: String? = nil, fallback: String? = nil) -> String {
        let candidates = [field.map { [$0] }, fallback.map { [$0] }, ["metadata", "creationTimestamp"]].compactMap { $0 }
        guard let text = candidates.lazy.compactMap({ object[path: $0]?.stringValue }).first, let created = KubeJSON.parseTimestamp(text)
        else {
            return "<unknown>"
        }
        let seconds = max(0, Int(now.timeIntervalSince(created)))
        let minutes = seconds / 60
        let hours = minutes / 60
        let days = hours / 24
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<600: return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s"
        case ..<(3 * 3600): return "\(minutes)m"
        case ..<(8 * 3600): return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m"
        case ..<(48 * 3600): return "\(hours)h"
        case ..<(8 * 86400): return hours % 24 == 0 ? "\(days)d" : "\(days)d\(hours % 24)h"
        default: return "\(days)d"
        }
    }
}
