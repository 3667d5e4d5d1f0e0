import Foundation

/// `/sandbox/faults`, the fault plan over HTTP for scripts and other processes: GET shows the plan with how often
/// each rule fired, POST appends the rules of a JSON plan (`{"rules": [...]}` or a list), DELETE clears it.
/// Only `system:masters` may use it, whatever RBAC says.
struct FaultsEndpoint: Sendable {
    static let segments = ["sandbox", "faults"]

    let faults: FaultInjector

    func handle(_ request: APIRequest) async throws(StatusError) -> APIResponse {
        try request.requireMaster()
        switch request.method {
        case "GET":
            break
        case "POST":
            let added: FaultPlan
            do {
                added = try FaultPlan.load(json: request.body)
            } catch {
                throw StatusError.badRequest(error.description)
            }
            for rule in added.rules { await faults.append(rule) }
        case "DELETE":
            await faults.clear()
        default:
            throw StatusError.methodNotAllowed()
        }
        let plan = await faults.plan
        guard var body = try? JSONValue(encoding: plan) else { throw StatusError.internal("cannot encode the fault plan") }
        body["fired"] = .array(plan.fired.map { .number(Double($0)) })
        return .json(body)
    }
}
