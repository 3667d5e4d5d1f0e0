/// Names a REST resource the way the API server's discovery does: group, version, plural name and scope.
public struct ResourceDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core ("legacy") group.
    public var group: String
    public var version: String
    /// Lower-case plural, as in the URL (`pods`, `deployments`).
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `v1` for the core group, `apps/v1` otherwise — the value of `apiVersion`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `/api/v1` or `/apis/apps/v1`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path, namespaced when the resource is and a namespace is given.
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace {
            return "\(groupVersionPath)/namespaces/\(namespace.urlPathSegment)/\(resource)"
        }
        return "\(groupVersionPath)/\(resource)"
    }

    /// The path of one object, optionally of one of its subresources.
    public func objectPath(namespace: String?, name: String, subresource: String? = nil) -> String {
        var path = "\(collectionPath(namespace: namespace))/\(name.urlPathSegment)"
        if let subresource { path += "/\(subresource)" }
        return path
    }

    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

extension String {
    /// Percent-encodes everything but RFC 3986 unreserved characters, so a name can never add a path segment.
    var urlPathSegment: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ":"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
