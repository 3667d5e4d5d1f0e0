#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// DER for the subjectAltName extension value, written by hand because swift-certificates wants IP
/// addresses as SwiftASN1 types this package does not depend on.
enum SubjectAlternativeNameEncoder {
    static func extensionValue(dnsNames: [String], ipAddresses: [String]) throws -> [UInt8] {
        var names: [[UInt8]] = dnsNames.map { DEREncoder.element(tag: 0x82, Array($0.utf8)) }
        for address in ipAddresses {
            names.append(DEREncoder.element(tag: 0x87, try addressBytes(address)))
        }
        return DEREncoder.sequence(names)
    }

    static func addressBytes(_ text: String) throws -> [UInt8] {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        throw SandboxError.invalidIPAddress(text)
    }
}
