/// A minimal OpenAPI v3: only what kubectl's field-validation check reads. kubectl `create`/`apply` (with the
/// default `--validate=strict`) look for a PATCH operation per kind that accepts the `fieldValidation` query
/// parameter; finding it, they leave validation to the server instead of downloading schemas. There are no
/// schemas, so `kubectl explain` does not work and `apply` computes patches from its built-in types.
enum OpenAPIDocuments {
    static func root() -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for entry in ResourceCatalog.groupVersions {
            let path = groupVersionPath(group: entry.group, version: entry.version)
            paths[path] = .object(["serverRelativeURL": .string("/openapi/v3/\(path)?hash=sandbox")])
        }
        return .object(["paths": .object(paths)])
    }

    /// The document for `api/v1` or `apis/GROUP/VERSION`, or nil if that group version is not served.
    static func groupVersion(_ segments: [String]) -> JSONValue? {
        guard
            let entry = ResourceCatalog.groupVersions.first(where: {
                groupVersionPath(group: $0.group, version: $0.version) == segments.joined(separator: "/")
            })
        else { return nil }
        var paths: [String: JSONValue] = [:]
        for type in ResourceCatalog.all where type.descriptor.group == entry.group && type.descriptor.version == entry.version {
            let base = "/" + groupVersionPath(group: entry.group, version: entry.version)
            let collection =
                type.namespaced ? "\(base)/namespaces/{namespace}/\(type.descriptor.resource)" : "\(base)/\(type.descriptor.resource)"
            let kind: JSONValue = .object([
                "group": .string(entry.group), "version": .string(entry.version), "kind": .string(type.kind),
            ])
            let fieldValidation: JSONValue = .object([
                "name": .string("fieldValidation"), "in": .string("query"), "schema": .object(["type": .string("string")]),
                "description": .string("accepted and ignored: the sandbox does not validate unknown fields"),
            ])
            let operation: JSONValue = .object([
                "parameters": .array([fieldValidation]), "x-kubernetes-group-version-kind": kind,
                "responses": .object(["200": .object(["description": .string("OK")])]),
            ])
            paths[collection + "/{name}"] = .object(["patch": operation, "put": operation])
            paths[collection] = .object(["post": operation])
        }
        return .object([
            "openapi": .string("3.0.0"), "info": .object(["title": .string("Kubernetes"), "version": .string("v1.36.0")]),
            "paths": .object(paths), "components": .object(["schemas": .object([:])]),
        ])
    }

    private static func groupVersionPath(group: String, version: String) -> String {
        group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
    }
}
