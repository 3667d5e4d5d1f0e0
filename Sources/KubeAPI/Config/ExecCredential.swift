import Foundation

/// What an exec credential plugin answered: a bearer token, a client certificate and key, or both, and when they
/// expire. Read from the ExecCredential JSON object the plugin prints on stdout.
struct ExecCredential: Sendable {
    var token: String?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
    var expiration: Date?

    init() {}

    private struct Output: Decodable {
        var apiVersion: String?
        var kind: String?
        var status: Status?

        struct Status: Decodable {
            var token: String?
            var clientCertificateData: String?
            var clientKeyData: String?
            var expirationTimestamp: String?
        }
    }

    /// Reads what plugin `command`, asked for an ExecCredential of `apiVersion`, printed on stdout.
    init(parsing stdout: [UInt8], command name: String, apiVersion: String) throws {
        let output: Output
        do {
            output = try JSONDecoder().decode(Output.self, from: Data(stdout))
        } catch {
            // The output holds the credential: say what is wrong with it, never what it says.
            let flaw = "\(Self.flaw(of: error)); \(stdout.count) bytes on stdout"
            throw ConfigError.execPlugin(name, "printed something that is not an ExecCredential JSON object (\(flaw))")
        }
        guard output.apiVersion == apiVersion else {
            throw ConfigError.execPlugin(
                name, "answered with apiVersion \"\(output.apiVersion ?? "")\", but \"\(apiVersion)\" was requested")
        }
        guard output.kind == "ExecCredential" else {
            throw ConfigError.execPlugin(name, "answered with kind \"\(output.kind ?? "")\", expected \"ExecCredential\"")
        }
        guard let status = output.status else { throw ConfigError.execPlugin(name, "printed an ExecCredential without status") }
        var credential = ExecCredential()
        if let token = status.token, !token.isEmpty { credential.token = token }
        switch (status.clientCertificateData, status.clientKeyData) {
        case (let certificate?, let key?) where !certificate.isEmpty && !key.isEmpty:
            credential.clientCertificatePEM = Array(certificate.utf8)
            credential.clientKeyPEM = Array(key.utf8)
        case (nil, nil), ("", ""), (nil, ""), ("", nil):
            break
        default:
            throw ConfigError.execPlugin(name, "printed only one of status.clientCertificateData and status.clientKeyData")
        }
        if credential.token == nil && credential.clientCertificatePEM == nil {
            throw ConfigError.execPlugin(name, "printed neither status.token nor status.clientCertificateData/clientKeyData")
        }
        if let timestamp = status.expirationTimestamp, !timestamp.isEmpty {
            guard let date = KubeJSON.parseTimestamp(timestamp) else {
                throw ConfigError.execPlugin(name, "printed status.expirationTimestamp \"\(timestamp)\", which is not RFC 3339")
            }
            credential.expiration = date
        }
        self = credential
    }

    /// What a decoding failure found wrong, in words that quote no part of the input.
    private static func flaw(of error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .keyNotFound(let key, let context):
            return "\(path(context, then: key)) is missing"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "\(path(context)) is malformed"
        default:
            return "not valid JSON"
        }
    }

    private static func path(_ context: DecodingError.Context, then key: (any CodingKey)? = nil) -> String {
        let keys = context.codingPath + (key.map { [$0] } ?? [])
        return keys.isEmpty ? "the document" : keys.map(\.stringValue).joined(separator: ".")
    }
}
