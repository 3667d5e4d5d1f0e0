import Foundation
import KubeAPI

/// Sets one condition in a `status.conditions` list the way controllers do: `lastTransitionTime` moves only
/// when the condition's status changes, so an unchanged status is an unchanged object (and no watch event).
enum ConditionList {
    static func set(
        _ status: inout JSONValue, type: String, to value: Bool, reason: String? = nil, message: String? = nil, now: Date,
        extraTimes: [String] = []
    ) {
        var conditions = status["conditions"]?.arrayValue ?? []
        let text = value ? "True" : "False"
        let index = conditions.firstIndex { $0["type"]?.stringValue == type }
        let existing = index.map { conditions[$0] }
        var condition: JSONValue = .object(["type": .string(type), "status": .string(text)])
        let unchanged = existing?["status"]?.stringValue == text
        let stamp = JSONValue.string(KubeJSON.formatTimestamp(now))
        condition["lastTransitionTime"] = unchanged ? (existing?["lastTransitionTime"] ?? stamp) : stamp
        for field in extraTimes {
            let sameReason = existing?["reason"]?.stringValue == reason && existing?["message"]?.stringValue == message
            condition[field] = unchanged && sameReason ? (existing?[field] ?? stamp) : stamp
        }
        if let reason { condition["reason"] = .string(reason) }
        if let message { condition["message"] = .string(message) }
        if let index { conditions[index] = condition } else { conditions.append(condition) }
        status["conditions"] = .array(conditions)
    }
}
