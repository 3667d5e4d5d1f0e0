import KubeSandbox

/// Starts a sandbox with `options`, runs `body` with it and stops it, whether `body` returned or threw.
@discardableResult
public func withSandbox<T>(_ options: SandboxOptions = SandboxOptions(), _ body: (Sandbox) async throws -> T) async throws -> T {
    try await scoped(try await Sandbox.start(options), tearDown: { await $0.stop() }, body)
}
