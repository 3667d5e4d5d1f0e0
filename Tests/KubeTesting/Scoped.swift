/// Runs `body` with `resource`, then awaits `tearDown(resource)` whether `body` returned or threw, and only then
/// returns or rethrows: the one shape of every scoped test helper (`withSandbox`, `ScriptedServer.with`, a fixture's
/// `with`). Unlike `defer { Task { … } }`, the teardown has finished before the test does.
public func scoped<Resource, T>(
    _ resource: Resource, tearDown: (Resource) async -> Void, _ body: (Resource) async throws -> T
) async throws -> T {
    let result: Result<T, any Error>
    do {
        result = .success(try await body(resource))
    } catch {
        result = .failure(error)
    }
    await tearDown(resource)
    return try result.get()
}
