import Foundation
import Synchronization

/// The API server's service proxy (`services/[SCHEME:]NAME[:PORT]/proxy/…`), simulated: nothing is dialled. It picks
/// the Service's ready endpoints as its EndpointSlice lists them (pods the selector matches, with an IP, Ready and not
/// terminating), round robin by pod name, and the chosen pod answers itself: 200 `sandbox pod NAME`, or 500
/// `sandbox error` for the share its `error-rate` annotation sets, after the `latency` its annotation sets (waited on
/// the sandbox's fault clock). Either answer carries `X-Sandbox-Pod: NAME`.
///
/// The errors are the real server's: 400 for a malformed name segment, 404 for a missing Service, 503 `no service
/// port N found…` for a port number the Service lacks, and 503 `no endpoints available for service …` when no pod can
/// answer — naming the Service when it has no endpoint that is not terminating (the real server's Endpoints has no
/// subsets then), and the name segment as requested (`nginx:80`) when it has some but none ready on that port.
final class ServiceProxy: Sendable {
    private struct State {
        /// Requests answered per Service (`namespace/name`), for the round robin.
        var turns: [String: Int] = [:]
        /// Answers given per pod UID, by namespace, for the error rate; pods that are gone are forgotten.
        var answers: [String: [String: Int]] = [:]
    }

    /// What the chosen pod answers, and after how long.
    private struct Answer {
        var response: APIResponse
        var latency: Duration?
    }

    private let store: ClusterStore
    private let clock: any Clock<Duration>
    private let state = Mutex(State())

    init(store: ClusterStore, clock: any Clock<Duration>) {
        self.store = store
        self.clock = clock
    }

    /// Answers a request to `services/ID/proxy/…` in `namespace`, whatever its method and path.
    func answer(namespace: String, id: String) async throws(StatusError) -> APIResponse {
        guard let target = ServiceProxyID(id) else { throw StatusError.badRequest("invalid service request \"\(id)\"") }
        let service = try await store.get(ResourceCatalog.services, namespace: namespace, name: target.name)
        let portName = try Self.portName(target, of: service)
        let pods = await store.objects(of: ResourceCatalog.pods, inNamespace: namespace)
        let answer = try choose(for: service, id: id, portName: portName, pods: pods)
        // A request whose client has gone is cancelled here; its answer then goes nowhere.
        if let latency = answer.latency { try? await clock.sleep(for: latency) }
        return answer.response
    }

    /// The name of the Service port the request asks for: a port number is looked up among the Service's ports.
    private static func portName(_ target: ServiceProxyID, of service: JSONValue) throws(StatusError) -> String {
        guard let number = Int(target.port) else { return target.port }
        let ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
        guard let port = ports.first(where: { $0["port"]?.intValue == number }) else {
            throw StatusError.serviceUnavailable("no service port \(number) found for service \"\(target.name)\"")
        }
        return port["name"]?.stringValue ?? ""
    }

    private func choose(for service: JSONValue, id: String, portName: String, pods: [JSONValue]) throws(StatusError) -> Answer {
        let selector = EndpointSliceController.selector(of: service)
        let members = selector.map { EndpointSliceController.endpointPods($0, among: pods) } ?? []
        guard members.contains(where: { !$0.isTerminating }) else {
            throw StatusError.serviceUnavailable("no endpoints available for service \"\(service.name)\"")
        }
        let ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
        let hasPort = ports.contains { ($0["name"]?.stringValue ?? "") == portName }
        let ready = hasPort ? members.filter(EndpointSliceController.isReadyEndpoint) : []
        guard !ready.isEmpty else { throw StatusError.serviceUnavailable("no endpoints available for service \"\(id)\"") }
        let namespace = service.namespace ?? ""
        let existing = Set(pods.map(\.uid))
        let (pod, answerIndex) = state.withLock { state in
            let key = namespace + "/" + service.name
            let turn = state.turns[key, default: 0]
            state.turns[key] = turn + 1
            let pod = ready[turn % ready.count]
            var answers = state.answers[namespace, default: [:]].filter { existing.contains($0.key) }
            let index = answers[pod.uid, default: 0]
            answers[pod.uid] = index + 1
            state.answers[namespace] = answers
            return (pod, index)
        }
        let annotations = SandboxPodAnnotations(pod)
        let headers = [APIResponse.HTTPHeader(name: "X-Sandbox-Pod", value: pod.name)]
        let fails = annotations.errorRate?.fails(answer: answerIndex) ?? false
        let body = fails ? "sandbox error" : "sandbox pod \(pod.name)"
        return Answer(
            response: .full(
                status: fails ? 500 : 200, body: Data(body.utf8), contentType: "text/plain; charset=utf-8", headers: headers),
            latency: annotations.latency)
    }
}
