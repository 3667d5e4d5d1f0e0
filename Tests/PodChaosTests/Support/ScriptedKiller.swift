import Foundation
import KubeAPI
import Synchronization
import Testing

@testable import PodChaos

/// A `PodKiller` that answers each kill from a script, in order, and records what it was asked: the API's answers
/// to kills, without a cluster.
final class ScriptedKiller: PodKiller {
    /// The API's answer to one kill.
    enum Answer: Sendable {
        case outcome(DeletionOutcome)
        case error(KubeAPIError)
    }

    /// What reading a pod back after its kill was accepted finds.
    enum ReadBack: Sendable {
        case notFound
        case terminating
        case running
    }

    private struct State {
        var answers: [Answer]
        var requests: [KillRequest] = []
        var readBacks: [String] = []
    }

    private let state: Mutex<State>
    private let readBack: ReadBack

    init(_ answers: [Answer], readBack: ReadBack = .notFound) {
        state = Mutex(State(answers: answers))
        self.readBack = readBack
    }

    /// Every kill asked for, in order.
    var requests: [KillRequest] { state.withLock { $0.requests } }
    /// The pods read back, by name, in order.
    var readBacks: [String] { state.withLock { $0.readBacks } }

    func kill(_ request: KillRequest) async throws -> DeletionOutcome {
        let answer = state.withLock { state in
            state.requests.append(request)
            return state.answers.isEmpty ? nil : state.answers.removeFirst()
        }
        switch answer {
        case .outcome(let outcome): return outcome
        case .error(let error): throw error
        case nil:
            Issue.record("kill of \(request.namespace)/\(request.name) past the end of the script")
            throw Self.notFound(request.namespace, request.name)
        }
    }

    func pod(namespace: String, name: String) async throws -> Pod {
        let uid = state.withLock { state in
            state.readBacks.append(name)
            return state.requests.last { $0.namespace == namespace && $0.name == name }?.uid
        }
        var metadata = ObjectMeta(name: name, namespace: namespace, uid: uid)
        switch readBack {
        case .notFound: throw Self.notFound(namespace, name)
        case .terminating: metadata.deletionTimestamp = Date()
        case .running: break
        }
        return Pod(metadata: metadata, spec: PodSpec(nodeName: "node-1"), status: PodStatus(phase: .running))
    }

    private static func notFound(_ namespace: String, _ name: String) -> KubeAPIError {
        .fromResponse(
            httpStatus: 404, status: Status(message: "pods \"\(name)\" not found", reason: "NotFound", code: 404), body: nil,
            context: RequestContext(verb: "get", resource: "pods", namespace: namespace, name: name))
    }
}
