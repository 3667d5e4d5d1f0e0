import Foundation
import KubeSandbox
import KubeTesting
import Testing

@testable import podchaosmonkey

/// `podchaosmonkey sandbox` flag validation: a bad value stops it before it listens, with a message naming the flag.
@Suite("podchaosmonkey sandbox flags", .dedicatedThreads)
struct SandboxCLITests {
    @Test(
        arguments: [
            (["--start-delay", "soon"], "--start-delay"), (["--ready-delay", "5"], "--ready-delay"),
            (["--termination-delay", "-1s"], "--termination-delay"), (["--nodes", "-2"], "--nodes"),
        ])
    func aBadValueIsRefusedNamingTheFlag(arguments: [String], flag: String) async throws {
        let result = try await CLIRunner.run(["sandbox", "--http"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(flag), "\(result.stderr)")
        #expect(!result.stdout.contains("serving"))
    }

    @Test("A fault plan is read at most 1 MiB: /dev/zero is refused at once, not read forever")
    func anEndlessFaultPlanIsRefused() async throws {
        let result = try await CLIRunner.run(["sandbox", "--http", "--faults", "/dev/zero"])
        #expect(result.status != 0)
        #expect(result.stderr == "error: cannot read the fault plan /dev/zero: larger than 1 MiB, the most this file may hold\n")
        #expect(!result.stdout.contains("serving"))
    }

    @Test("HTTP/2 is offered over HTTPS unless --no-http2 says HTTP/1.1 only")
    func http2Flag() throws {
        func options(_ arguments: [String]) throws -> SandboxOptions {
            try SandboxCommand.parse(arguments).sandboxOptions(
                host: "127.0.0.1", port: 0, faults: FaultPlan(), timings: PodLifecycleTimings())
        }
        #expect(try options([]).http2)
        #expect(try !options(["--no-http2"]).http2)
        #expect(try options(["--http2"]).http2)
    }
}
