/// An API error as the real server reports it: HTTP code, `Status.reason`, message and details. The HTTP
/// layer turns it into a `Status` body; in-process callers (controllers) catch it like a client would.
public struct StatusError: Error, Sendable, CustomStringConvertible {
    public let code: Int
    public let reason: String
    public let message: String
    /// `Status.details` (name, kind, group, causes); nil when the real server sends none.
    public let details: JSONValue?

    public init(code: Int, reason: String, message: String, details: JSONValue? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String { "\(reason) (\(code)): \(message)" }

    /// The `meta/v1 Status` body, with the keys in the fixtures.
    public var statusBody: JSONValue {
        var body: [String: JSONValue] = [
            "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Failure"),
            "message": .string(message), "reason": .string(reason), "code": .number(Double(code)),
        ]
        if let details { body["details"] = details }
        return .object(body)
    }

    private static func details(name: String?, group: String = "", kind: String, causes: [JSONValue]? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["kind": .string(kind)]
        if let name { fields["name"] = .string(name) }
        if !group.isEmpty { fields["group"] = .string(group) }
        if let causes { fields["causes"] = .array(causes) }
        return .object(fields)
    }

    static func notFound(_ type: ResourceType, name: String) -> StatusError {
        StatusError(
            code: 404, reason: "NotFound", message: "\(type.qualifiedName) \"\(name)\" not found",
            details: details(name: name, group: type.descriptor.group, kind: type.descriptor.resource))
    }

    static func alreadyExists(_ type: ResourceType, name: String) -> StatusError {
        StatusError(
            code: 409, reason: "AlreadyExists", message: "\(type.qualifiedName) \"\(name)\" already exists",
            details: details(name: name, group: type.descriptor.group, kind: type.descriptor.resource))
    }

    static func conflict(_ type: ResourceType, name: String) -> StatusError {
        StatusError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(type.qualifiedName) \"\(name)\": the object has been modified; "
                + "please apply your changes to the latest version and try again",
            details: details(name: name, group: type.descriptor.group, kind: type.descriptor.resource))
    }

    static func preconditionFailed(_ type: ResourceType, name: String, field: String, expected: String, actual: String) -> StatusError {
        let what = field == "uid" ? "UID" : "ResourceVersion"
        let tail = field == "uid" ? ". The object might have been deleted and then recreated" : ""
        return StatusError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(type.descriptor.kind) \"\(name)\": the \(what) in the precondition "
                + "(\(expected)) does not match the \(what) in record (\(actual))\(tail)",
            details: details(name: name, group: type.descriptor.group, kind: type.descriptor.kind))
    }

    static func invalid(_ type: ResourceType, name: String, causes: [InvalidCause]) -> StatusError {
        let summary = causes.map { "\($0.field): \($0.message)" }
        let list = summary.count == 1 ? summary[0] : "[" + summary.joined(separator: ", ") + "]"
        return StatusError(
            code: 422, reason: "Invalid", message: "\(type.descriptor.kind) \"\(name)\" is invalid: \(list)",
            details: details(
                name: name, group: type.descriptor.group, kind: type.descriptor.kind,
                causes: causes.map { .object(["reason": .string($0.reason), "message": .string($0.message), "field": .string($0.field)]) }))
    }

    static func badRequest(_ message: String) -> StatusError {
        StatusError(code: 400, reason: "BadRequest", message: message)
    }

    static func methodNotAllowed() -> StatusError {
        StatusError(
            code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource",
            details: .object([:]))
    }

    static func unsupportedMediaType(_ contentType: String) -> StatusError {
        StatusError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got \(contentType))")
    }

    static func expired(_ message: String) -> StatusError {
        StatusError(code: 410, reason: "Expired", message: message)
    }

    static func serviceUnavailable(_ message: String) -> StatusError {
        StatusError(code: 503, reason: "ServiceUnavailable", message: message)
    }

    static let unauthorized = StatusError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func pathNotFound() -> StatusError {
        StatusError(code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: .object([:]))
    }

    static func `internal`(_ message: String) -> StatusError {
        StatusError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }
}

/// One `Status.details.causes` entry of a 422.
struct InvalidCause: Sendable {
    var reason: String
    var message: String
    var field: String

    static func required(_ field: String) -> InvalidCause {
        InvalidCause(reason: "FieldValueRequired", message: "Required value", field: field)
    }

    static func invalidValue(_ field: String, value: String, _ explanation: String) -> InvalidCause {
        InvalidCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": \(explanation)", field: field)
    }
}

extension StatusError {
    /// 403 for a create in a namespace that is being deleted, as the NamespaceLifecycle admission plugin answers.
    static func namespaceTerminating(_ type: ResourceType, name: String, namespace: String) -> StatusError {
        StatusError(
            code: 403, reason: "Forbidden",
            message:
                "\(type.descriptor.resource) \"\(name)\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated",
            details: .object(["name": .string(name), "kind": .string(type.descriptor.resource)]))
    }
}
