import KubeAPI

/// The answer to a watch whose resourceVersion the server no longer has: HTTP 200 and one `ERROR` event whose
/// object is a 410 `Expired` Status, exactly as the captured kube-apiserver sends it.
public enum ExpiredWatch {
    public static func status(requested: String, current: String) -> KubeAPI.Status {
        KubeAPI.Status(message: "too old resource version: \(requested) (\(current))", reason: "Expired", code: 410)
    }

    /// The `{"type":"ERROR","object":{…}}` event line.
    public static func event(requested: String, current: String) -> JSONValue {
        let object = (try? JSONValue(encoding: status(requested: requested, current: current))) ?? .null
        var withMetadata = object
        // The server always serialises the Status with an empty ListMeta.
        withMetadata["metadata"] = .object([:])
        return .object(["type": .string("ERROR"), "object": withMetadata])
    }
}
