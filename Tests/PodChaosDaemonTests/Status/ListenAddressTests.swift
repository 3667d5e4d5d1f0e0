import KubeTesting
import Testing

@testable import PodChaosDaemon

@Suite(.dedicatedThreads) struct ListenAddressTests {
    @Test(
        arguments: [
            (":8080", nil, 8080, ":8080"),
            ("127.0.0.1:9090", "127.0.0.1", 9090, "127.0.0.1:9090"),
            ("[::1]:8080", "::1", 8080, "[::1]:8080"),
            ("[::]:8080", "::", 8080, "[::]:8080"),
            ("localhost:0", "localhost", 0, "localhost:0"),
            ("metrics.local:65535", "metrics.local", 65_535, "metrics.local:65535"),
            ("[fe80::1%eth0]:80", "fe80::1%eth0", 80, "[fe80::1%eth0]:80"),
            (" 0.0.0.0:8080 ", "0.0.0.0", 8080, "0.0.0.0:8080"),
        ] as [(String, String?, Int, String)])
    func parses(text: String, host: String?, port: Int, description: String) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.description == description)
    }

    @Test func anEmptyHostBindsEveryIPv4Interface() throws {
        #expect(try ListenAddress(parsing: ":8080").bindHost == "0.0.0.0")
        #expect(try ListenAddress(parsing: "[::]:8080").bindHost == "::")
    }

    @Test(arguments: [
        ("", "empty"),
        ("8080", "no port"),
        ("127.0.0.1", "no port"),
        ("127.0.0.1:", "no port"),
        ("[::1]", "no port"),
        (":http", "port \"http\""),
        (":65536", "port \"65536\""),
        (":-1", "port \"-1\""),
        (":99999999999999999999", "port \"99999999999999999999\""),
        ("::1:8080", "needs brackets"),
        ("my host:80", "\"my host\" is not a host name"),
        ("[not-ipv6]:80", "\"not-ipv6\" is not a host name"),
        ("[::1:80", "\"[::1:80\" is not a host name"),
        ("http://127.0.0.1:80", "\"http://127.0.0.1\" is not a host name"),
    ])
    func rejects(text: String, problem: String) {
        let error = #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: text) }
        #expect(error?.value == text)
        #expect(error?.description.hasPrefix("invalid listen address \"\(text)\": ") == true)
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("\n") == false)
    }

    @Test func configurationParsesTheMetricsAddressFlag() throws {
        #expect(try StatusServerConfiguration(metricsAddress: "127.0.0.1:9090").address == ListenAddress(host: "127.0.0.1", port: 9090))
        #expect(StatusServerConfiguration().address == ListenAddress(port: 8080))
        #expect(throws: ListenAddressError.self) { try StatusServerConfiguration(metricsAddress: "nope") }
    }
}
