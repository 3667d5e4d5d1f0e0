#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The subject alternative names of a server certificate, and whether they name a host the way Go's crypto/tls (and so
/// kubectl) decides it: a DNS name against the DNS names only, with a wildcard standing for exactly one leftmost label;
/// an IP address against the IP addresses only; never the common name.
struct CertificateNames: Sendable, Equatable {
    var dnsNames: [String]
    var ipAddresses: [[UInt8]]

    func cover(_ host: String) -> Bool {
        if let address = Self.ipAddressBytes(host) { return ipAddresses.contains(address) }
        let wanted = Self.normalised(host)
        guard !wanted.isEmpty else { return false }
        return dnsNames.contains { Self.matches(pattern: Self.normalised($0), host: wanted) }
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 literal (brackets allowed); nil for anything else.
    static func ipAddressBytes(_ text: String) -> [UInt8]? {
        let literal = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func normalised(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.hasSuffix(".") ? String(lower.dropLast()) : lower
    }

    private static func matches(pattern: String, host: String) -> Bool {
        guard pattern.hasPrefix("*.") else { return pattern == host }
        let suffix = pattern.dropFirst(1)
        guard host.hasSuffix(suffix), suffix.dropFirst().contains(".") else { return false }
        let label = host.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".")
    }
}
