import KubeAPI

/// Builds the store's object predicate from `labelSelector` and `fieldSelector` query parameters, refusing
/// fields the real server does not index for the resource.
enum SelectorFilter {
    static func make(_ type: ResourceType, namespace: String?, labelSelector: String?, fieldSelector: String?) throws(StatusError)
        -> ObjectFilter
    {
        let labels: Labels.Selector
        let fields: Fields.Selector
        do {
            labels = try Labels.Selector(parsing: labelSelector ?? "")
            fields = try Fields.Selector(parsing: fieldSelector ?? "")
        } catch {
            throw StatusError.badRequest(String(describing: error))
        }
        let supported = supportedFields(type)
        for requirement in fields.requirements where !supported.contains(requirement.field) {
            throw StatusError.badRequest("field label not supported: \(requirement.field)")
        }
        if labels.isEverything && fields.isEverything { return ObjectFilter(namespace: namespace) }
        return ObjectFilter(namespace: namespace) { object in
            let objectLabels = (object[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            guard labels.matches(objectLabels) else { return false }
            return fields.matches { field in fieldValue(object, field) }
        }
    }

    static func supportedFields(_ type: ResourceType) -> Set<String> {
        var fields: Set<String> = ["metadata.name", "metadata.namespace"]
        switch (type.descriptor.group, type.descriptor.resource) {
        case ("", "pods"):
            fields.formUnion([
                "spec.nodeName", "status.phase", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
                "status.podIP", "status.nominatedNodeName",
            ])
        case ("", "events"):
            fields.formUnion([
                "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
            ])
        case ("", "namespaces"):
            fields.insert("status.phase")
        case ("", "nodes"):
            fields.insert("spec.unschedulable")
        case ("apps", "replicasets"), ("apps", "statefulsets"):
            fields.insert("status.replicas")
        default:
            break
        }
        return fields
    }

    /// The field's value as a string, as the server's field sets hold it: a missing string field is "".
    static func fieldValue(_ object: JSONValue, _ field: String) -> String? {
        if field == "source" { return object[path: ["source", "component"]]?.stringValue ?? "" }
        switch object[path: field.split(separator: ".").map(String.init)] {
        case .string(let text): return text
        case .bool(let flag): return String(flag)
        case .number(let number): return number.rounded() == number ? String(Int(number)) : String(number)
        default: return field == "spec.unschedulable" || field == "spec.hostNetwork" ? "false" : ""
        }
    }
}
