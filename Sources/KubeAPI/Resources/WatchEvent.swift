/// One line of a watch stream: `{"type": "ADDED", "object": {…}}`.
///
/// An `ERROR` line carries a `Status` instead of an `Object` (e.g. code 410, reason `Expired`), so the payload is
/// an enum and decoding such a line succeeds with the Status rather than failing on the object type.
public struct WatchEvent<Object: Codable & Sendable>: Codable, Sendable {
    public var type: WatchEventType
    public var payload: Payload

    public enum Payload: Sendable {
        case object(Object)
        case status(Status)
    }

    public init(type: WatchEventType, object: Object) {
        self.type = type
        self.payload = .object(object)
    }

    /// An `ERROR` event.
    public init(error status: Status) {
        self.type = .error
        self.payload = .status(status)
    }

    /// The object of an ADDED, MODIFIED, DELETED or BOOKMARK event; nil for ERROR.
    public var object: Object? {
        if case .object(let object) = payload { return object }
        return nil
    }

    /// The Status of an ERROR event; nil otherwise.
    public var status: Status? {
        if case .status(let status) = payload { return status }
        return nil
    }

    enum CodingKeys: String, CodingKey { case type, object }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(WatchEventType.self, forKey: .type)
        if type == .error {
            payload = .status(try container.decode(Status.self, forKey: .object))
        } else {
            payload = .object(try container.decode(Object.self, forKey: .object))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch payload {
        case .object(let object): try container.encode(object, forKey: .object)
        case .status(let status): try container.encode(status, forKey: .object)
        }
    }
}

extension WatchEvent.Payload: Equatable where Object: Equatable {}
extension WatchEvent.Payload: Hashable where Object: Hashable {}
extension WatchEvent: Equatable where Object: Equatable {}
extension WatchEvent: Hashable where Object: Hashable {}

extension WatchEvent where Object: KubernetesObject {
    /// The resourceVersion to resume the watch from after this event; BOOKMARKs carry nothing else.
    public var resourceVersion: String? { object?.metadata.resourceVersion }

    /// The BOOKMARK that ends the initial ADDED events of a `sendInitialEvents=true` watch: the cache is now complete.
    public var isInitialEventsEnd: Bool {
        type == .bookmark && object?.metadata.annotations?[WatchEventType.initialEventsEndAnnotation] == "true"
    }
}
