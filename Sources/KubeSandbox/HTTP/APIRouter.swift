import Foundation

/// Authenticates a request and answers it: discovery, version, reviews, the fault endpoint or a resource handler.
struct APIRouter: Sendable {
    let store: ClusterStore
    let users: [SandboxUser]
    let serverAddress: String
    let bookmarkInterval: Duration
    let authorizer: RequestAuthorizer
    let tokens: ServiceAccountTokens
    let faults: FaultInjector
    let connections: ConnectionRegistry
    let proxy: ServiceProxy
    /// Plain HTTP only: a request without credentials acts as the default user, like the old insecure port.
    /// kubectl (client-go) never sends a bearer token over plain HTTP, so it could not authenticate otherwise.
    var anonymousIsDefaultUser = false

    func handle(_ incoming: APIRequest) async -> APIResponse {
        await handle(incoming, as: await authenticate(incoming))
    }

    /// Answers a request already authenticated as `user` (nil: no valid credentials).
    func handle(_ incoming: APIRequest, as user: SandboxUser?) async -> APIResponse {
        var request = incoming
        let segments = request.segments
        if ["healthz", "livez", "readyz"].contains(segments.first ?? "") {
            return .full(status: 200, body: Data("ok".utf8), contentType: "text/plain; charset=utf-8")
        }
        guard let user else { return .error(.unauthorized) }
        request.user = user
        do throws(StatusError) {
            return try await route(request)
        } catch {
            return .error(error)
        }
    }

    /// The user of the request's bearer token (a configured user or an issued service account token), else of its
    /// client certificate; a bearer token wins, as on the real server's union authenticator.
    func authenticate(_ request: APIRequest) async -> SandboxUser? {
        guard let header = request.headers["authorization"] else {
            return anonymousIsDefaultUser && request.user == nil ? users.first : request.user
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return request.user }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        if let user = users.first(where: { $0.token == token }) { return user }
        return await tokens.user(for: token, store: store) ?? request.user
    }

    private func route(_ request: APIRequest) async throws(StatusError) -> APIResponse {
        let segments = request.segments
        if segments == FaultsEndpoint.segments { return try await FaultsEndpoint(faults: faults).handle(request) }
        if segments == RequestsEndpoint.segments { return try await RequestsEndpoint(faults: faults).handle(request) }
        if SelfSubjectAccessReviewHandler.matches(segments) {
            return try await SelfSubjectAccessReviewHandler(authorizer: authorizer).handle(request)
        }
        if !Self.isResourcePath(segments), let user = request.user {
            try await authorizer.check(request.authorizationAttributes(user: user, path: nil))
        }
        if request.method != "GET" && !Self.isResourcePath(segments) { throw StatusError.methodNotAllowed() }
        let handler = ResourceHandler(
            store: store, request: request, bookmarkInterval: bookmarkInterval, authorizer: authorizer, tokens: tokens, proxy: proxy)
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
