import Foundation
import KubeAPI

/// Every pod state transition in the observed namespaces while an experiment runs, with the kills marked, so that
/// collateral effects — other pods losing readiness — are visible next to the kills that caused them.
public struct Timeline: Sendable, Encodable {
    public enum Transition: String, Sendable, Hashable, Encodable {
        case created, scheduled, running, ready
        case notReady = "not-ready"
        case terminating, deleted, restarted
    }

    public struct Entry: Sendable, Hashable, Encodable {
        public var time: Date
        public var namespace: String
        public var pod: String
        public var uid: String
        public var transition: Transition
        /// The container restart count, for `restarted`.
        public var restarts: Int?
    }

    public struct Kill: Sendable, Hashable, Encodable {
        public var killId: KillID
        public var time: Date
        public var namespace: String
        public var pod: String
        public var uid: String
    }

    public private(set) var entries: [Entry] = []
    public private(set) var kills: [Kill] = []

    mutating func markKill(killID: KillID, pod: Pod, at time: Date) {
        kills.append(
            Kill(
                killId: killID, time: time, namespace: pod.metadata.namespace ?? "", pod: pod.metadata.name ?? "",
                uid: pod.metadata.uid ?? ""))
    }

    mutating func unmarkKill(_ killID: KillID) {
        kills.removeAll { $0.killId == killID }
    }

    /// Records what changed between `previous` and `pod` (nil `previous`: a pod seen for the first time).
    mutating func record(_ pod: Pod, previous: Pod?, deleted: Bool, at time: Date) {
        func add(_ transition: Transition, restarts: Int? = nil) {
            entries.append(
                Entry(
                    time: time, namespace: pod.metadata.namespace ?? "", pod: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "",
                    transition: transition, restarts: restarts))
        }
        if deleted {
            add(.deleted)
            return
        }
        if previous == nil { add(.created) }
        let wasScheduled = previous?.spec?.nodeName?.isEmpty == false
        let wasRunning = previous?.phase == .running
        let wasReady = previous?.isReady ?? false
        let wasTerminating = previous?.isTerminating ?? false
        if pod.spec?.nodeName?.isEmpty == false, !wasScheduled, previous != nil { add(.scheduled) }
        if pod.phase == .running, !wasRunning, previous != nil { add(.running) }
        if pod.isReady, !wasReady { add(.ready) }
        if !pod.isReady, wasReady { add(.notReady) }
        if pod.isTerminating, !wasTerminating { add(.terminating) }
        let restarts = Self.restarts(pod)
        if let previous, restarts > Self.restarts(previous) { add(.restarted, restarts: restarts) }
    }

    private static func restarts(_ pod: Pod) -> Int {
        (pod.status?.containerStatuses ?? []).reduce(0) { $0 + ($1.restartCount ?? 0) }
    }

    enum CodingKeys: String, CodingKey { case entries, kills }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entries.map(EncodedEntry.init), forKey: .entries)
        try container.encode(kills.map(EncodedKill.init), forKey: .kills)
    }

    private struct EncodedEntry: Encodable {
        let time: String
        let namespace: String
        let pod: String
        let uid: String
        let transition: Transition
        let restarts: Int?
        init(_ entry: Entry) {
            time = entry.time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            namespace = entry.namespace
            pod = entry.pod
            uid = entry.uid
            transition = entry.transition
            restarts = entry.restarts
        }
    }

    private struct EncodedKill: Encodable {
        let killId: KillID
        let time: String
        let namespace: String
        let pod: String
        let uid: String
        init(_ kill: Kill) {
            killId = kill.killId
            time = kill.time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            namespace = kill.namespace
            pod = kill.pod
            uid = kill.uid
        }
    }
}
