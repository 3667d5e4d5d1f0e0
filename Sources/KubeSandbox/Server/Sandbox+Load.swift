import Foundation

extension Sandbox {
    /// Creates the objects in YAML or JSON text, namespaces first, keeping any `status` they carry (a seeded demo
    /// may start with running pods). Returns the stored objects.
    @discardableResult
    public func load(_ text: String, origin: String = "manifest") async throws -> [JSONValue] {
        try await Self.load(ManifestParser.objects(in: text, origin: origin), into: store, origin: origin)
    }

    /// Loads a manifest file, or every `.yaml`, `.yml` and `.json` file under a directory in name order — all files
    /// parsed first, so a namespace in one file is created before the objects another file puts in it.
    @discardableResult
    public func load(path: String) async throws -> [JSONValue] {
        var objects: [(object: JSONValue, origin: String)] = []
        for file in try Self.manifestFiles(at: path) {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw SandboxError.unreadableManifest(file, error.localizedDescription)
            }
            // A kustomization.yaml describes the directory; it is not an object to store.
            objects += try ManifestParser.objects(in: text, origin: file)
                .filter { !($0["apiVersion"]?.stringValue ?? "").hasPrefix("kustomize.config.k8s.io/") }
                .map { ($0, file) }
        }
        let namespacesFirst =
            objects.filter { $0.object["kind"]?.stringValue == "Namespace" }
            + objects.filter { $0.object["kind"]?.stringValue != "Namespace" }
        var created: [JSONValue] = []
        for entry in namespacesFirst {
            created += try await Self.load([entry.object], into: store, origin: entry.origin)
        }
        return created
    }

    static func manifestFiles(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SandboxError.unreadableManifest(path, "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw SandboxError.unreadableManifest(path, "cannot list the directory")
        }
        let extensions = ["yaml", "yml", "json"]
        return enumerator.compactMap { $0 as? String }.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
    }

    static func load(_ objects: [JSONValue], into store: ClusterStore, origin: String) async throws -> [JSONValue] {
        let ordered = objects.filter { $0["kind"]?.stringValue == "Namespace" } + objects.filter { $0["kind"]?.stringValue != "Namespace" }
        var created: [JSONValue] = []
        for object in ordered {
            let apiVersion = object["apiVersion"]?.stringValue ?? ""
            let kind = object["kind"]?.stringValue ?? ""
            guard let type = ResourceCatalog.find(apiVersion: apiVersion, kind: kind) else {
                throw SandboxError.invalidManifest(origin, "the sandbox does not serve kind \"\(kind)\" in \"\(apiVersion)\"")
            }
            let namespace = type.namespaced ? (object[path: ["metadata", "namespace"]]?.stringValue ?? "default") : nil
            do {
                created.append(try await store.create(type, namespace: namespace, object, keepStatus: true))
            } catch {
                let name = object[path: ["metadata", "name"]]?.stringValue ?? "?"
                throw SandboxError.rejectedObject("\(kind) \(namespace.map { "\($0)/" } ?? "")\(name) from \(origin)", error.message)
            }
        }
        return created
    }
}
