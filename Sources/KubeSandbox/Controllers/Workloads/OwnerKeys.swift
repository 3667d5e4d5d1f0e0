/// The owners a change concerns: those of the object now and before, so a pod that leaves (or is deleted)
/// still wakes its controller.
enum OwnerKeys {
    static func of(_ change: ObjectChange, kind: String, as type: ResourceType) -> [ObjectKey] {
        let references = change.object.ownerReferences + (change.previous?.ownerReferences ?? [])
        var keys: [ObjectKey] = []
        for reference in references where reference["kind"]?.stringValue == kind && reference["controller"]?.boolValue == true {
            guard let name = reference["name"]?.stringValue else { continue }
            let key = ObjectKey(type, namespace: change.object.namespace, name: name)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }
}
