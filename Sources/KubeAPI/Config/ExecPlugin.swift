import Foundation

/// One run of an exec credential plugin: find the command, build its environment, run it, and read the ExecCredential
/// it prints.
struct ExecPlugin: Sendable {
    var config: ExecConfig
    var cluster: ExecClusterInfo?
    var environment: [String: String]
    var timeout: Duration

    private static let stderrLimit = 500

    func run() async throws -> ExecCredential {
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
            return try ExecCredential(parsing: outcome.stdout, command: config.command, apiVersion: config.apiVersion)
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

    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
