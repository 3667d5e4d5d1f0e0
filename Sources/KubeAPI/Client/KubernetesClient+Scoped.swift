import Logging

extension KubernetesClient {
    /// Makes a client, runs `body` with it, and shuts the client down before returning, whether `body` returned or
    /// threw (as `HTTPClient.withHTTPClient` does): no connection outlives the call, and nothing is left for a task to
    /// close after the caller, or the process, has moved on. `body`'s error wins over one from the shutdown.
    public static func withKubernetesClient<Result>(
        config: ClusterConfig, options: ClientOptions = ClientOptions(), logger: Logger? = nil, transport: (any APITransport)? = nil,
        isolation: isolated (any Actor)? = #isolation, _ body: (KubernetesClient) async throws -> Result
    ) async throws -> Result {
        let client = try KubernetesClient(config: config, options: options, logger: logger, transport: transport)
        let result: Swift.Result<Result, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        do {
            try await client.shutdown()
        } catch {
            if case .success = result { throw error }
        }
        return try result.get()
    }
}
