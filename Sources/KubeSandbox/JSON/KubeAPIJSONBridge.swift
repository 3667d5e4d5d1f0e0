import Foundation
import KubeAPI

/// Uses KubeAPI's timestamp rules when converting between typed resources and `JSONValue`.
enum KubeAPIJSONBridge {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        try KubeJSON.encoder().encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try KubeJSON.decoder().decode(type, from: data)
    }
}
