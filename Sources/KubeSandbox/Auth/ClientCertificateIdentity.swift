import NIOSSL
import X509

/// The user a verified client certificate names, as the real server reads it: common name → user,
/// organizations → groups.
enum ClientCertificateIdentity {
    static func user(from certificate: NIOSSLCertificate) -> SandboxUser? {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return nil }
        var name: String?
        var groups: [String] = []
        for relativeName in parsed.subject {
            for attribute in relativeName {
                if attribute.type == .RDNAttributeType.commonName {
                    name = String(attribute.value)
                } else if attribute.type == .RDNAttributeType.organizationName, let group = String(attribute.value) {
                    groups.append(group)
                }
            }
        }
        guard let name, !name.isEmpty else { return nil }
        // Certificate users have no token; the empty token never matches a bearer header.
        return SandboxUser(name: name, token: "", groups: groups + ["system:authenticated"])
    }
}
