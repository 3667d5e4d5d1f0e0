import Foundation

/// Authenticates a request and answers it: discovery, version, or a resource handler.
struct APIRouter: Sendable {
    let store: ClusterStore
    let users: [SandboxUser]
    let serverAddress: String
    let bookmarkInterval: Duration
    /// Plain HTTP only: a request without credentials acts as the default user, like the old insecure port.
    /// kubectl (client-go) never sends a bearer token over plain HTTP, so it could not authenticate otherwise.
    var anonymousIsDefaultUser = false

    func handle(_ incoming: APIRequest) async -> APIResponse {
        var request = incoming
        let segments = request.segments
        if ["healthz", "livez", "readyz"].contains(segments.first ?? "") {
            return .full(status: 200, body: Data("ok".utf8), contentType: "text/plain; charset=utf-8")
        }
        // A bearer token wins over a client certificate, as on the real server's union authenticator.
        guard let user = authenticate(request) ?? request.user else { return .error(.unauthorized) }
        request.user = user
        do throws(StatusError) {
            return try await route(request)
        } catch {
            return .error(error)
        }
    }

    private func authenticate(_ request: APIRequest) -> SandboxUser? {
        guard let header = request.headers["authorization"] else {
            return anonymousIsDefaultUser && request.user == nil ? users.first : nil
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return users.first { $0.token == token }
    }

    private func route(_ request: APIRequest) async throws(StatusError) -> APIResponse {
        let segments = request.segments
        if request.method != "GET" && !Self.isResourcePath(segments) { throw StatusError.methodNotAllowed() }
        let handler = ResourceHandler(store: store, request: request, bookmarkInterval: bookmarkInterval)
        switch segments.first {
        case "version" where segments.count == 1:
            return .json(DiscoveryDocuments.version())
        case "openapi" where segments.count >= 2 && segments[1] == "v3":
            if segments.count == 2 { return .json(OpenAPIDocuments.root()) }
            if let document = OpenAPIDocuments.groupVersion(Array(segments.dropFirst(2))) { return .json(document) }
        case "api":
            if segments.count == 1 {
                return .json(DiscoveryDocuments.coreVersions(serverAddress: request.headers["host"] ?? serverAddress))
            }
            if segments.count == 2, let document = DiscoveryDocuments.resources(group: "", version: segments[1]) { return .json(document) }
            if segments.count > 2, let path = ResourcePath.parse(group: "", version: segments[1], Array(segments.dropFirst(2))) {
                return try await handler.handle(path)
            }
        case "apis":
            if segments.count == 1 { return .json(DiscoveryDocuments.groups()) }
            if segments.count == 2, let document = DiscoveryDocuments.group(segments[1]) { return .json(document) }
            if segments.count == 3, let document = DiscoveryDocuments.resources(group: segments[1], version: segments[2]) {
                return .json(document)
            }
            if segments.count > 3, let path = ResourcePath.parse(group: segments[1], version: segments[2], Array(segments.dropFirst(3))) {
                return try await handler.handle(path)
            }
        default:
            break
        }
        throw StatusError.pathNotFound()
    }

    /// Everything below a group version is a resource path; the rest (discovery, version, OpenAPI) is read-only.
    private static func isResourcePath(_ segments: [String]) -> Bool {
        (segments.first == "api" && segments.count > 2) || (segments.first == "apis" && segments.count > 3)
    }
}
