import Foundation

/// Kubernetes strategic merge patch (`application/strategic-merge-patch+json`) for built-in types, as kubectl
/// sends it for `patch`, `apply` (client-side), `label`, `annotate`, `scale` and `edit`.
///
/// Objects merge like a JSON merge patch (`null` deletes a field). Lists follow `StrategicMergeKeys`: replaced,
/// merged as a set of scalars, or merged element by element by a merge key. Directives:
/// - `$patch: replace` in an object replaces it; as a list element, the list becomes the other patch elements.
/// - `$patch: delete` in an object empties it; as a list element, removes the element with its merge key value.
/// - `$retainKeys: [...]` drops every field of the original object not named in it.
/// - `$deleteFromPrimitiveList/<field>: [...]` removes those scalars from the list `<field>`.
/// - `$setElementOrder/<field>: [...]` orders the list `<field>`.
///
/// Merged lists are ordered as the API server orders them; see `StrategicMergeOrder`. Not checked, where the API
/// server would refuse the patch: that a `$setElementOrder` list names every element of its patch list in the same order.
public enum StrategicMergePatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue) throws -> JSONValue {
        guard case .object(let members) = patch else {
            throw PatchError.malformed(.strategicMerge, at: nil, "the patch must be a JSON object")
        }
        return .object(try mergeObject(target.objectValue ?? [:], members, path: []))
    }

    private static let patchDirective = "$patch"
    private static let retainKeysDirective = "$retainKeys"
    private static let setElementOrderPrefix = "$setElementOrder/"
    private static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"

    private static func mergeObject(_ original: [String: JSONValue], _ patch: [String: JSONValue], path: [String]) throws
        -> [String: JSONValue]
    {
        if let directive = patch[patchDirective] {
            switch directive.stringValue {
            case "replace":
                var replacement = patch
                replacement[patchDirective] = nil
                return try mergeObject([:], replacement, path: path)
            case "delete":
                return [:]
            default:
                throw PatchError.malformed(.strategicMerge, at: render(path), "unknown \(patchDirective) directive \(render(directive))")
            }
        }
        var result = original
        var orders: [String: [JSONValue]] = [:]
        var deletions: [String: [JSONValue]] = [:]
        for (key, value) in patch {
            if key == retainKeysDirective {
                let retained = try retainedKeys(value, patch: patch, path: path)
                result = result.filter { retained.contains($0.key) }
            } else if key.hasPrefix(setElementOrderPrefix) {
                orders[String(key.dropFirst(setElementOrderPrefix.count))] = try list(value, directive: key, path: path)
            } else if key.hasPrefix(deleteFromPrimitiveListPrefix) {
                deletions[String(key.dropFirst(deleteFromPrimitiveListPrefix.count))] = try list(value, directive: key, path: path)
            }
        }
        for (key, value) in patch where !isDirective(key) {
            let childPath = path + [key]
            switch (result[key], value) {
            case (_, .null):
                result[key] = nil
            case (.object(let current)?, .object(let change)):
                result[key] = .object(try mergeObject(current, change, path: childPath))
            case (.array(let current)?, .array(let change)):
                result[key] = .array(try mergeList(current, change, field: key, path: path))
            case (_, .object(let change)):
                // A new or differently typed field takes the patch value, with directives and nulls resolved.
                result[key] = .object(try mergeObject([:], change, path: childPath))
            case (_, .array(let change)):
                result[key] = .array(try mergeList([], change, field: key, path: path))
            default:
                result[key] = value
            }
        }
        // Deleting after merging lets a deletion win over the same value in the patch list.
        for (field, doomed) in deletions {
            guard case .array(let items) = result[field] else { continue }
            result[field] = .array(items.filter { !doomed.contains($0) })
        }
        for (field, order) in orders {
            guard case .array(let items) = result[field], let identity = identity(forList: field, in: path) else { continue }
            let before = original[field]?.arrayValue ?? []
            result[field] = .array(StrategicMergeOrder.normalize(items, order: order, original: before, identity: identity))
        }
        return result
    }

    private static func mergeList(_ original: [JSONValue], _ patch: [JSONValue], field: String, path: [String]) throws -> [JSONValue] {
        switch StrategicMergeKeys.strategy(forList: field, in: path) {
        case .replace:
            return patch
        case .mergePrimitives:
            var merged = original
            for item in patch where !merged.contains(item) { merged.append(item) }
            return StrategicMergeOrder.normalize(merged, order: patch, original: original) { $0 }
        case .mergeByKey(let mergeKey):
            return try mergeByKey(original, patch, mergeKey: mergeKey, path: path + [field])
        }
    }

    private static func mergeByKey(_ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, path: [String]) throws
        -> [JSONValue]
    {
        let location = render(path)
        var result: [[String: JSONValue]] = []
        for item in original {
            guard case .object(let element) = item else {
                throw PatchError.conflict(.strategicMerge, at: location, "the list merges by \"\(mergeKey)\" but holds \(render(item))")
            }
            result.append(element)
        }
        var changes: [[String: JSONValue]] = []
        var replaceList = false
        for item in patch {
            guard case .object(let element) = item else {
                throw PatchError.conflict(
                    .strategicMerge, at: location, "the list merges by \"\(mergeKey)\" but the patch holds \(render(item))")
            }
            guard let directive = element[patchDirective] else {
                changes.append(element)
                continue
            }
            switch directive.stringValue {
            case "delete":
                guard let keyValue = element[mergeKey] else {
                    throw PatchError.conflict(
                        .strategicMerge, at: location, "a \(patchDirective): delete element has no merge key \"\(mergeKey)\"")
                }
                result.removeAll { $0[mergeKey] == keyValue }
            case "replace":
                replaceList = true
            default:
                throw PatchError.malformed(
                    .strategicMerge, at: location, "unknown \(patchDirective) directive \(render(directive)) in a list")
            }
        }
        if replaceList { result = [] }
        let serverOrder = result.map(JSONValue.object)
        for change in changes {
            guard let keyValue = change[mergeKey] else {
                throw PatchError.conflict(
                    .strategicMerge, at: location, "an element has no merge key \"\(mergeKey)\": \(render(.object(change)))")
            }
            if let index = result.firstIndex(where: { $0[mergeKey] == keyValue }) {
                result[index] = try mergeObject(result[index], change, path: path)
            } else {
                result.append(try mergeObject([:], change, path: path))
            }
        }
        let merged = result.map(JSONValue.object)
        if replaceList { return merged }
        return StrategicMergeOrder.normalize(merged, order: changes.map(JSONValue.object), original: serverOrder) { $0[mergeKey] }
    }

    /// How elements of a merged list are told apart for ordering; nil for lists that are replaced, not merged.
    private static func identity(forList field: String, in path: [String]) -> ((JSONValue) -> JSONValue?)? {
        switch StrategicMergeKeys.strategy(forList: field, in: path) {
        case .replace: return nil
        case .mergePrimitives: return { $0 }
        case .mergeByKey(let key): return { $0[key] }
        }
    }

    private static func retainedKeys(_ value: JSONValue, patch: [String: JSONValue], path: [String]) throws -> Set<String> {
        let names = try list(value, directive: retainKeysDirective, path: path).map { item -> String in
            guard let name = item.stringValue else {
                throw PatchError.malformed(.strategicMerge, at: render(path), "\(retainKeysDirective) must list field names")
            }
            return name
        }
        let retained = Set(names)
        // As the API server does: a field the patch sets (not deletes) but does not retain is a contradiction.
        if let stray = patch.filter({ !isDirective($0.key) && $0.value != .null && !retained.contains($0.key) }).keys.sorted().first {
            throw PatchError.conflict(
                .strategicMerge, at: render(path), "field \"\(stray)\" is set but not listed in \(retainKeysDirective)")
        }
        return retained
    }

    private static func list(_ value: JSONValue, directive: String, path: [String]) throws -> [JSONValue] {
        guard case .array(let items) = value else {
            throw PatchError.malformed(.strategicMerge, at: render(path), "\(directive) must be a list")
        }
        return items
    }

    private static func isDirective(_ key: String) -> Bool {
        key == patchDirective || key == retainKeysDirective || key.hasPrefix(setElementOrderPrefix)
            || key.hasPrefix(deleteFromPrimitiveListPrefix)
    }

    private static func render(_ path: [String]) -> String {
        path.isEmpty ? "the root" : "\"\(path.joined(separator: "."))\""
    }

    private static func render(_ value: JSONValue) -> String {
        let text = String(decoding: value.data(), as: UTF8.self)
        return text.count <= 80 ? text : String(text.prefix(80)) + "…"
    }
}
