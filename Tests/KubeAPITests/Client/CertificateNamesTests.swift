import Testing

@testable import KubeAPI

@Suite("Certificate names: which hosts a server certificate covers, as Go's crypto/tls decides")
struct CertificateNamesTests {
    let names = CertificateNames(
        dnsNames: ["kubernetes.internal", "*.apps.example.com", "Mixed.Example.COM"],
        ipAddresses: [[10, 0, 0, 1], [0xfd] + [UInt8](repeating: 0, count: 14) + [1]])

    @Test(arguments: [
        ("kubernetes.internal", true),
        ("KUBERNETES.internal.", true),
        ("mixed.example.com", true),
        ("api.apps.example.com", true),
        ("apps.example.com", false),
        ("a.b.apps.example.com", false),
        ("evil.example.com", false),
        ("10.0.0.1", true),
        ("10.0.0.2", false),
        ("fd00::1", true),
        ("[fd00::1]", true),
        ("", false),
    ])
    func covers(host: String, covered: Bool) {
        #expect(names.cover(host) == covered)
    }

    @Test("An IP address is matched against IP entries only, a name against DNS entries only")
    func noCrossMatching() {
        #expect(!CertificateNames(dnsNames: ["10.0.0.1"], ipAddresses: []).cover("10.0.0.1"))
        #expect(!CertificateNames(dnsNames: [], ipAddresses: [[127, 0, 0, 1]]).cover("localhost"))
    }

    @Test("Only a name that is not the dialled IP address needs a check of its own")
    func whenNeeded() {
        #expect(ServerIdentityCheck.isNeeded(name: "kubernetes.internal", dialledHost: "10.0.0.1"))
        #expect(ServerIdentityCheck.isNeeded(name: "api.example.com", dialledHost: "api.example.com"))
        #expect(ServerIdentityCheck.isNeeded(name: "10.0.0.2", dialledHost: "10.0.0.1"))
        #expect(!ServerIdentityCheck.isNeeded(name: "10.0.0.1", dialledHost: "10.0.0.1"))
    }
}
