import Foundation
import Yams

/// One parsed kubeconfig file. Relative paths are already resolved against the file's directory; files named in it
/// (CA, client certificate, token file) are read only when the context that uses them is chosen, as kubectl does.
struct KubeconfigFile {
    var path: String
    var currentContext: String?
    var clusters: [Cluster] = []
    var users: [User] = []
    var contexts: [Context] = []

    struct Cluster {
        var name: String
        var file: String
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: [UInt8]?
        var insecureSkipTLSVerify: Bool
        var tlsServerName: String?
        var proxyURL: String?
        var execExtensionJSON: [UInt8]?
    }

    struct User {
        var name: String
        var file: String
        var token: String?
        var tokenFile: String?
        var clientCertificate: String?
        var clientCertificateData: [UInt8]?
        var clientKey: String?
        var clientKeyData: [UInt8]?
        var username: String?
        var password: String?
        var exec: ExecConfig?
        var hasAuthProvider: Bool
    }

    struct Context {
        var name: String
        var file: String
        var cluster: String?
        var user: String?
        var namespace: String?
    }

    static func load(_ path: String) throws -> KubeconfigFile {
        let bytes: [UInt8]
        switch ConfigFiles.read(path) {
        case .success(let read): bytes = read
        case .failure(let problem): throw ConfigError.unreadableFile(path, role: "kubeconfig", reason: problem.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError.malformedYAML(path, detail: "not valid YAML: the file is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> KubeconfigFile {
        let root: Yams.Node?
        do {
            try YAMLAliasLimit.check(text)
            root = try Yams.compose(yaml: text)
        } catch let exceeded as YAMLAliasLimit.Exceeded {
            throw ConfigError.malformedYAML(path, detail: "not valid YAML at line \(exceeded.line), column \(exceeded.column): \(exceeded)")
        } catch {
            throw ConfigError.malformedYAML(path, detail: yamlProblem(error))
        }
        var file = KubeconfigFile(path: path)
        guard let root else { return file }
        guard case .mapping(let mapping) = root else {
            throw ConfigError.malformedYAML(path, detail: "not a kubeconfig: the document is not a mapping")
        }
        let document = KubeconfigNode(mapping: mapping, file: path, path: "")
        let directory = ConfigFiles.directory(of: path)
        file.currentContext = try document.string("current-context").flatMap { $0.isEmpty ? nil : $0 }
        file.clusters = try named(document, "clusters", body: "cluster").map { name, node in
            try cluster(name, node, directory: directory)
        }
        file.users = try named(document, "users", body: "user").map { name, node in
            try user(name, node, directory: directory)
        }
        file.contexts = try named(document, "contexts", body: "context").map { name, node in
            Context(
                name: name, file: path, cluster: try node.string("cluster"), user: try node.string("user"),
                namespace: try node.string("namespace"))
        }
        return file
    }

    /// Entries of a named list (`- name: x` + `cluster: {...}`), with the body's path set to `clusters[x]`.
    private static func named(_ document: KubeconfigNode, _ key: String, body: String) throws -> [(String, KubeconfigNode)] {
        try document.mappings(key).map { entry in
            guard let name = try entry.string("name"), !name.isEmpty else { throw entry.typeError("name", "must be set") }
            let entryPath = "\(key)[\(name)]"
            // A missing body is an empty one (an empty user is valid), so give it an empty mapping.
            let content = try entry.object(body) ?? KubeconfigNode(mapping: Yams.Node.Mapping([]), file: entry.file, path: "")
            return (name, content.renamed(entryPath))
        }
    }

    private static func cluster(_ name: String, _ node: KubeconfigNode, directory: String) throws -> Cluster {
        var execExtension: [UInt8]?
        for entry in try node.mappings("extensions") where try entry.string("name") == "client.authentication.k8s.io/exec" {
            let object = entry.mapping["extension"].map(KubeconfigNode.jsonObject) ?? NSNull()
            if JSONSerialization.isValidJSONObject(object) {
                execExtension = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { [UInt8]($0) }
            }
        }
        return Cluster(
            name: name, file: node.file, server: try node.string("server"),
            certificateAuthority: try node.string("certificate-authority").map { ConfigFiles.resolve($0, against: directory) },
            certificateAuthorityData: try node.base64("certificate-authority-data"),
            insecureSkipTLSVerify: try node.bool("insecure-skip-tls-verify") ?? false,
            tlsServerName: try node.string("tls-server-name"), proxyURL: try node.string("proxy-url"),
            execExtensionJSON: execExtension)
    }

    private static func user(_ name: String, _ node: KubeconfigNode, directory: String) throws -> User {
        User(
            name: name, file: node.file, token: try node.string("token"),
            tokenFile: try node.string("tokenFile").map { ConfigFiles.resolve($0, against: directory) },
            clientCertificate: try node.string("client-certificate").map { ConfigFiles.resolve($0, against: directory) },
            clientCertificateData: try node.base64("client-certificate-data"),
            clientKey: try node.string("client-key").map { ConfigFiles.resolve($0, against: directory) },
            clientKeyData: try node.base64("client-key-data"), username: try node.string("username"),
            password: try node.string("password"), exec: try node.object("exec").map { try exec($0, directory: directory) },
            hasAuthProvider: try node.object("auth-provider") != nil)
    }

    /// kubectl's exec rules: command and apiVersion required, env names non-empty, interactiveMode required for v1
    /// (v1beta1 defaults to IfAvailable), and a command containing `/` is relative to the kubeconfig's directory.
    private static func exec(_ node: KubeconfigNode, directory: String) throws -> ExecConfig {
        guard let command = try node.string("command"), !command.isEmpty else { throw node.typeError("command", "must be set") }
        guard let apiVersion = try node.string("apiVersion"), !apiVersion.isEmpty else {
            throw node.typeError("apiVersion", "must be set")
        }
        guard ExecConfig.supportedAPIVersions.contains(apiVersion) else {
            throw node.typeError(
                "apiVersion",
                "\(EchoedText.quoted(apiVersion)) is not supported (use \(ExecConfig.supportedAPIVersions.joined(separator: " or ")))")
        }
        let env = try node.mappings("env").enumerated().map { index, entry in
            guard let name = try entry.string("name"), !name.isEmpty else {
                throw node.typeError("env[\(index)].name", "must be set")
            }
            return ExecConfig.EnvVar(name: name, value: try entry.string("value") ?? "")
        }
        let mode: ExecConfig.InteractiveMode
        switch try node.string("interactiveMode") {
        case nil where apiVersion == ExecConfig.apiVersionV1beta1:
            mode = .ifAvailable
        case nil, "":
            throw node.typeError("interactiveMode", "must be set for \(apiVersion) (Never, IfAvailable or Always)")
        case let raw?:
            guard let parsed = ExecConfig.InteractiveMode(rawValue: raw) else {
                throw node.typeError("interactiveMode", "\(EchoedText.quoted(raw)) is not one of Never, IfAvailable, Always")
            }
            mode = parsed
        }
        return ExecConfig(
            command: command.contains("/") ? ConfigFiles.resolve(command, against: directory) : command,
            args: try node.stringList("args") ?? [], env: env, apiVersion: apiVersion, installHint: try node.string("installHint"),
            provideClusterInfo: try node.bool("provideClusterInfo") ?? false, interactiveMode: mode)
    }

    private static func yamlProblem(_ error: any Error) -> String {
        guard let yamlError = error as? YamlError else { return "not valid YAML: \(error)" }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "not valid YAML at line \(mark.line), column \(mark.column): \(problem)"
        case .reader(let problem, let offset, _, _):
            // Never the text around the offset: it may hold the very bytes the reader refused.
            return "not valid YAML" + (offset.map { " at byte \($0)" } ?? "") + ": \(problem)"
        default:
            return "not valid YAML: " + String(describing: yamlError).split(whereSeparator: \.isNewline).joined(separator: " ")
        }
    }
}
