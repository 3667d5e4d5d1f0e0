import KubeSandbox
import Testing

@Suite struct SandboxOptionsTests {
    @Test(arguments: [
        ("127.0.0.1:6443", "127.0.0.1", 6443),
        ("localhost:0", "localhost", 0),
        ("[::1]:8443", "::1", 8443),
    ])
    func parsesListenAddresses(text: String, host: String, port: Int) throws {
        let parsed = try SandboxOptions.parseListenAddress(text)
        #expect(parsed.host == host && parsed.port == port)
    }

    @Test(arguments: ["nonsense", "127.0.0.1", ":6443", "127.0.0.1:99999", "127.0.0.1:http", "127.0.0.1:-1"])
    func rejectsBadListenAddresses(text: String) {
        let error = #expect(throws: SandboxError.self) { try SandboxOptions.parseListenAddress(text) }
        #expect(error?.isInvalidListenAddress == true)
        #expect(error?.description.contains("HOST:PORT") == true)
    }

    @Test func usersDefaultToARandomAdmin() {
        let first = SandboxOptions()
        let second = SandboxOptions()
        #expect(first.users.map(\.name) == ["admin"])
        #expect(first.users.first?.groups.contains("system:masters") == true)
        #expect(first.users.first?.token != second.users.first?.token)
    }
}
