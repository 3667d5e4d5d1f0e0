import KubeAPI
import KubeSandbox

/// Runs `body` with a sandbox that does not listen and a client that reaches it in-process (`InProcessTransport`),
/// then always shuts the client down and stops the sandbox, whether `body` returned or threw.
///
/// - Parameters:
///   - options: the sandbox's options; `listen` is turned off.
///   - user: the sandbox user the client authenticates as (its bearer token); nil: the first.
///   - namespace: the client's default namespace.
public func withInProcessSandbox<T>(
    _ options: SandboxOptions = SandboxOptions(), user: String? = nil, namespace: String = "default",
    clientOptions: ClientOptions = ClientOptions(qps: 0), _ body: (Sandbox, KubernetesClient) async throws -> T
) async throws -> T {
    var options = options
    options.listen = false
    let sandbox = try await Sandbox.start(options)
    let result: Result<T, any Error>
    do {
        result = .success(
            try await withInProcessClient(sandbox, config: sandbox.clusterConfig(user: user, namespace: namespace), options: clientOptions)
            {
                try await body(sandbox, $0)
            })
    } catch {
        result = .failure(error)
    }
    await sandbox.stop()
    return try result.get()
}

/// Runs `body` with a client that reaches `sandbox` in-process as `config` says (its credentials: a user's or a
/// service account's token), then always shuts the client down.
public func withInProcessClient<T>(
    _ sandbox: Sandbox, config: ClusterConfig, options: ClientOptions = ClientOptions(qps: 0),
    _ body: (KubernetesClient) async throws -> T
) async throws -> T {
    try await KubernetesClient.withKubernetesClient(
        config: config, options: options, transport: InProcessTransport(sandbox: sandbox), body)
}
