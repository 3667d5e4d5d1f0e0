import Foundation

/// One run of an exec credential plugin: find the command, build its environment, run it, and read the ExecCredential
/// it prints.
struct ExecPlugin: Sendable {
    var config: ExecConfig
    var cluster: ExecClusterInfo?
    var environment: [String: String]
    var timeout: Duration

    struct Credential: Sendable {
        var token: String?
        var clientCertificatePEM: [UInt8]?
        var clientKeyPEM: [UInt8]?
        var expiration: Date?
    }

    private static let stderrLimit = 500

    func run() async throws -> Credential {
        let name = config.command
        if config.interactiveMode == .always {
            throw ConfigError.execPlugin(
                name, "interactiveMode Always needs a terminal, which podchaosmonkey does not provide; use IfAvailable or Never")
        }
        let executable = try locate()
        var childEnvironment = environment
        for variable in config.env { childEnvironment[variable.name] = variable.value }
        childEnvironment["KUBERNETES_EXEC_INFO"] = try execInfo()
        let outcome: PluginProcess.Outcome
        do {
            outcome = try await PluginProcess(
                executable: executable, arguments: config.args, environment: childEnvironment, timeout: timeout
            ).run()
        } catch PluginProcess.Failure.timedOut {
            throw ConfigError.execPlugin(name, "did not finish within \(timeout) and was killed")
        } catch PluginProcess.Failure.launch(let reason) {
            throw ConfigError.execPlugin(name, "could not be started: \(reason)")
        }
        let stderr = Self.oneLine(String(decoding: outcome.stderr, as: UTF8.self), limit: Self.stderrLimit)
        switch outcome.termination {
        case .exited(0):
            return try parse(outcome.stdout)
        case .exited(let code):
            throw ConfigError.execPlugin(name, "exited with code \(code)" + (stderr.isEmpty ? "" : ": \(stderr)"))
        case .signalled(let signal):
            throw ConfigError.execPlugin(name, "was killed by signal \(signal)" + (stderr.isEmpty ? "" : ": \(stderr)"))
        }
    }

    /// A command containing `/` is a path (already resolved against the kubeconfig's directory); a bare name is looked
    /// up in `PATH`, as `exec.LookPath` does.
    private func locate() throws -> String {
        let command = config.command
        let candidates: [String]
        if command.contains("/") {
            candidates = [command]
        } else {
            let path = environment["PATH"] ?? ""
            candidates = path.split(separator: ":", omittingEmptySubsequences: true).map { "\($0)/\(command)" }
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) && ConfigFiles.exists($0) }) {
            return found
        }
        let looked = command.contains("/") ? "" : " in PATH"
        let hint = config.installHint.map { "; " + Self.oneLine($0, limit: 1000) } ?? ""
        throw ConfigError.execPlugin(command, "executable not found\(looked)\(hint)")
    }

    /// The ExecCredential given to the plugin in `KUBERNETES_EXEC_INFO`: never interactive, cluster details on request.
    private func execInfo() throws -> String {
        var spec: [String: Any] = ["interactive": false]
        if config.provideClusterInfo, let cluster {
            var info: [String: Any] = ["server": cluster.server]
            if let name = cluster.tlsServerName { info["tls-server-name"] = name }
            if cluster.insecureSkipTLSVerify { info["insecure-skip-tls-verify"] = true }
            if let data = cluster.certificateAuthorityData { info["certificate-authority-data"] = Data(data).base64EncodedString() }
            if let proxy = cluster.proxyURL { info["proxy-url"] = proxy }
            if let configJSON = cluster.configJSON, let config = try? JSONSerialization.jsonObject(with: Data(configJSON)) {
                info["config"] = config
            }
            spec["cluster"] = info
        }
        let credential: [String: Any] = ["apiVersion": config.apiVersion, "kind": "ExecCredential", "spec": spec]
        let data = try JSONSerialization.data(withJSONObject: credential, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private struct ExecCredentialOutput: Decodable {
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

    private func parse(_ stdout: [UInt8]) throws -> Credential {
        let name = config.command
        let output: ExecCredentialOutput
        do {
            output = try JSONDecoder().decode(ExecCredentialOutput.self, from: Data(stdout))
        } catch {
            // The output holds the credential: say what is wrong with it, never what it says.
            let flaw = "\(Self.flaw(of: error)); \(stdout.count) bytes on stdout"
            throw ConfigError.execPlugin(name, "printed something that is not an ExecCredential JSON object (\(flaw))")
        }
        guard output.apiVersion == config.apiVersion else {
            throw ConfigError.execPlugin(
                name, "answered with apiVersion \"\(output.apiVersion ?? "")\", but \"\(config.apiVersion)\" was requested")
        }
        guard output.kind == "ExecCredential" else {
            throw ConfigError.execPlugin(name, "answered with kind \"\(output.kind ?? "")\", expected \"ExecCredential\"")
        }
        guard let status = output.status else { throw ConfigError.execPlugin(name, "printed an ExecCredential without status") }
        var credential = Credential()
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
        return credential
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

    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
