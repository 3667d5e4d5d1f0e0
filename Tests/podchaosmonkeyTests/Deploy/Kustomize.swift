import Foundation
import KubeTesting
import Synchronization
import Yams

/// `kubectl kustomize` over the repository's kustomize/ tree, as a subprocess, and the rendered objects parsed.
enum Kustomize {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let overlays = ["singlens", "podchaos", "cluster", "job", "daemon"]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Renders already done: every overlay is rendered by several tests, and each render is a kubectl process.
    private static let renders = Mutex<[String: String]>([:])

    /// The rendered YAML of a kustomization directory relative to the repository root, rendered off the cooperative
    /// pool: a test blocked there on kubectl would hold back every other test's tasks, sandboxes' clients included.
    static func render(_ path: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try renderBlocking(path) }) }
        }
    }

    /// `render`, blocking the caller: only for test arguments, which are computed before any test runs.
    static func renderBlocking(_ path: String) throws -> String {
        if let done = renders.withLock({ $0[path] }) { return done }
        let yaml = try runKustomize(path)
        renders.withLock { $0[path] = yaml }
        return yaml
    }

    private static func runKustomize(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KubectlBinary.path)
        process.arguments = ["kustomize", repository.appendingPathComponent(path).path]
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pcm-kustomize-\(UUID().uuidString)").path
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "kubectl kustomize \(path) exited \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }

    /// Every document of a multi-document YAML stream, as a dictionary.
    static func objects(_ yaml: String) throws -> [[String: Any]] {
        var documents = try Yams.load_all(yaml: yaml)
        var objects: [[String: Any]] = []
        while let document = documents.next() {
            if let object = document as? [String: Any] { objects.append(object) }
        }
        // The sequence ends quietly on a syntax error; say it.
        if let error = documents.error { throw error }
        return objects
    }
}

/// Reading rendered objects without ceremony.
extension Dictionary where Key == String, Value == Any {
    var kind: String { self["kind"] as? String ?? "" }
    var name: String { (self["metadata"] as? [String: Any])?["name"] as? String ?? "" }
    var namespace: String? { (self["metadata"] as? [String: Any])?["namespace"] as? String }

    subscript(path path: String...) -> Any? {
        var current: Any? = self
        for key in path {
            if let index = Int(key), let array = current as? [Any] {
                current = index < array.count ? array[index] : nil
            } else {
                current = (current as? [String: Any])?[key]
            }
        }
        return current
    }
}

/// The tool's workload in a rendered overlay: what it runs, as whom, where.
struct ToolWorkload {
    let kind: String
    let name: String
    let namespace: String
    let serviceAccount: String
    let arguments: [String]
    /// Literal `PODCHAOSMONKEY_*` variables (downward-API ones have no literal value).
    let environment: [String: String]
    let podSpec: [String: Any]
    /// The pod template, metadata included.
    let template: [String: Any]
    let container: [String: Any]

    init(in objects: [[String: Any]]) throws {
        guard let object = objects.first(where: { ["Deployment", "Job"].contains($0.kind) && $0.name == "podchaosmonkey" }),
            let spec = object[path: "spec", "template", "spec"] as? [String: Any],
            let container = (spec["containers"] as? [[String: Any]])?.first(where: { $0["name"] as? String == "podchaosmonkey" })
        else { throw Kustomize.Failure(description: "no podchaosmonkey Deployment or Job with a podchaosmonkey container") }
        kind = object.kind
        name = object.name
        namespace = object.namespace ?? "default"
        serviceAccount = spec["serviceAccountName"] as? String ?? "default"
        arguments = (container["args"] as? [Any] ?? []).map { "\($0)" }
        var environment: [String: String] = [:]
        for variable in container["env"] as? [[String: Any]] ?? [] {
            if let key = variable["name"] as? String, let value = variable["value"] { environment[key] = "\(value)" }
        }
        self.environment = environment
        podSpec = spec
        template = object[path: "spec", "template"] as? [String: Any] ?? [:]
        self.container = container
    }

    /// The `rbac` command line for this workload's arguments: the same flags, plus who and where it runs.
    var rbacArguments: [String] {
        // `rbac kill …` or `rbac run …`: the tool's own arguments, command first.
        ["rbac"] + arguments + [
            "--service-account", serviceAccount, "--service-account-namespace", namespace, "--workload", "\(kind.lowercased())/\(name)",
        ]
    }
}
